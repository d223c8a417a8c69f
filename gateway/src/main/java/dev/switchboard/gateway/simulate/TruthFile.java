package dev.switchboard.gateway.simulate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.catalog.ModelCatalog;
import dev.switchboard.config.catalog.ModelInfo;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.auth.CountryContinents;
import dev.switchboard.gateway.simulate.scenario.Scenario;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;

/**
 * Writes the ground truth as JSON: per week the requests and tokens of every split (model with its
 * author, source and size class; category; language; country and continent; app; streaming; tools),
 * and per model the cohort month and active months of each end user.
 */
public final class TruthFile {
  private static final Set<String> CHINA = Set.of("CN", "HK", "TW");

  private TruthFile() {}

  /** Returns the study's source segment of {@code info}: proprietary, chinese_oss or row_oss. */
  public static String source(ModelInfo info) {
    if (info == null || info.openWeights() == null) {
      return "unknown";
    }
    if (!info.openWeights()) {
      return "proprietary";
    }
    return CHINA.contains(info.originCountry()) ? "chinese_oss" : "row_oss";
  }

  /** Writes {@code truth} of a run of {@code scenario} to {@code file}. */
  public static void write(Path file, Scenario scenario, GroundTruth truth, ModelCatalog catalog) throws IOException {
    ObjectNode root = JsonCodec.object();
    root.put("scenario", scenario.name()).put("seed", scenario.seed())
        .put("start", scenario.start().toString()).put("weeks", scenario.weeks()).put("users", scenario.users())
        .put("requests", truth.sent()).put("failed", truth.failed());
    ArrayNode rows = root.putArray("rows");
    truth.cells().entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<TruthKey, TruthCell> e) -> e.getKey().week())
            .thenComparing(e -> e.getKey().toString()))
        .forEach(e -> row(rows.addObject(), e.getKey(), e.getValue(), catalog));
    ObjectNode cohorts = root.putObject("cohorts");
    truth.activity().forEach((model, users) -> {
      ArrayNode members = cohorts.putArray(model);
      users.forEach((user, months) -> {
        ObjectNode m = members.addObject().put("user", user).put("cohort", months.first().toString());
        ArrayNode active = m.putArray("months");
        months.forEach(month -> active.add(month.toString()));
      });
    });
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      JsonCodec.mapper().writerWithDefaultPrettyPrinter().writeValue(out, root);
    }
  }

  private static void row(ObjectNode row, TruthKey k, TruthCell c, ModelCatalog catalog) {
    ModelInfo info = catalog.find(k.model()).orElse(null);
    row.put("week", k.week().toString()).put("model", k.model())
        .put("author", info == null ? null : info.author())
        .put("source", source(info))
        .put("size_class", info == null ? "unknown" : info.sizeClass().name().toLowerCase(java.util.Locale.ROOT))
        .put("reasoning_model", info != null && Boolean.TRUE.equals(info.reasoning()))
        .put("country", k.country()).put("continent", CountryContinents.continentOf(k.country()))
        .put("app", k.app()).put("category", k.category()).put("language", k.language())
        .put("streamed", k.streamed()).put("tools_offered", k.toolsOffered()).put("tool_call", k.toolCall())
        .put("ok", k.ok()).put("requests", c.requests()).put("reported_requests", c.reported())
        .put("prompt_tokens", c.promptTokens()).put("completion_tokens", c.completionTokens())
        .put("reasoning_tokens", c.reasoningTokens()).put("cost_usd", c.costUsd());
  }
}

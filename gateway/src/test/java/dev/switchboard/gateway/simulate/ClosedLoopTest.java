package dev.switchboard.gateway.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ClassifierConfig;
import dev.switchboard.config.catalog.ModelCatalog;
import dev.switchboard.gateway.simulate.ExpectedStats.Row;
import dev.switchboard.gateway.simulate.scenario.Scenario;
import dev.switchboard.gateway.simulate.scenario.ScenarioLoader;
import dev.switchboard.gateway.simulate.traffic.PlannedRequest;
import dev.switchboard.gateway.usage.ClassifierInputMapper;
import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.Classification;
import dev.switchboard.telemetry.classify.RequestClassifier;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closes the loop: simulates a (small) study-shaped year through a live gateway over real HTTP,
 * with the real classifier, then reads every analysis from {@code /v1/stats} and compares it with
 * the simulator's ground truth. Shares must match within half a percentage point per bucket,
 * lengths within 1%, counts, tokens and retention matrices exactly; category and language shares
 * must match what the classifier says of the very requests sent (the pipeline), and the intended
 * labels within the classifier's error measured on that traffic (reported per category).
 */
class ClosedLoopTest {
  private static final int USERS = 110;
  private static final double ACTIVITY = 0.3;
  private static final String OTHER = Category.OTHER.label();

  @TempDir static Path dir;
  private static Scenario scenario;
  private static ExpectedStats intended;
  private static ExpectedStats classified;
  private static StatsApi stats;
  private static Simulator.Summary summary;
  private static final GapReport gaps = new GapReport();

  @BeforeAll
  static void simulateAYear() throws Exception {
    Vertx vertx = Vertx.vertx();
    scenario = ScenarioLoader.loadDefault().withUsers(USERS).withActivity(ACTIVITY);
    LocalGateway local = LocalGateway.start(vertx, scenario, dir.resolve("closed-loop.duckdb"), 0, 0)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    try {
      ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
      // sent in a shuffled order, as the demo sends it: records carry their simulated time
      Simulator simulator = new Simulator(vertx, local.base(), local.adminKey(), new Simulator.Settings(0, 48, null,
          (request, body, answer) -> sent.add(new Sent(request, body, answer)), true));
      GroundTruth truth = new GroundTruth();
      summary = simulator.run(scenario, truth, "loop");
      simulator.close();
      awaitRecords(local, truth.sent());
      ModelCatalog catalog = ModelCatalog.loadDefault();
      Path truthFile = dir.resolve("truth.json");
      TruthFile.write(truthFile, scenario, truth, catalog);
      assertThat(Files.size(truthFile)).isPositive();
      intended = new ExpectedStats(truth, scenario, catalog);
      classified = new ExpectedStats(reclassified(sent), scenario, catalog);
      stats = new StatsApi(local.base(), local.adminKey(), "from=" + scenario.start() + "&to=" + scenario.end());
      compareEverything();
    } finally {
      local.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    System.out.printf(Locale.ROOT, "closed loop: %,d requests in %ds (%.0f requests/s), %d errors%n%s",
        summary.requests(), summary.elapsed().toSeconds(), summary.requestsPerSecond(), summary.errors(), gaps.summary());
  }

  @Test
  void theGatewayKeptUpWithoutSheddingOrDropping() {
    assertThat(summary.requests()).isGreaterThan(1_000);
    assertThat(summary.shed()).isZero();
    assertThat(summary.dropped()).isZero();
  }

  @Test
  void everyAnalysisMatchesTheGroundTruth() {
    assertThat(gaps.failures()).as("comparisons out of tolerance").isEmpty();
  }

  /** Holds one request as sent and its answer. */
  private record Sent(PlannedRequest request, ObjectNode body, Observed answer) {}

  /** Returns the truth relabelled with what the classifier says of each request actually sent. */
  private static GroundTruth reclassified(ConcurrentLinkedQueue<Sent> sent) {
    RequestClassifier classifier = RequestClassifier.fromConfig(ClassifierConfig.defaults());
    GroundTruth truth = new GroundTruth();
    for (Sent s : sent) {
      Classification c = classifier.classify(ClassifierInputMapper.map(s.body()));
      PlannedRequest r = s.request();
      Category category = c.category() == null ? Category.OTHER : c.category();
      truth.record(new PlannedRequest(r.seq(), r.at(), r.week(), r.user(), r.model(), category,
          c.language() == null ? "und" : c.language(), r.stream(), r.toolsOffered(), r.promptTokens(),
          r.completionTokens()), s.answer());
    }
    return truth;
  }

  private static void awaitRecords(LocalGateway local, long count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (local.gateway().store().count() < count && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(local.gateway().store().count()).as("records written").isEqualTo(count);
  }

  private static void compareEverything() throws Exception {
    overview();
    bucketedShares("source-share", "share_by_source", "source", r -> true, Row::source);
    windowShares("source-share", "window_share_by_source", "source", r -> true, Row::source);
    bucketedShares("open-weight-models", "share_by_model", "model", Row::openWeight, Row::model);
    concentration();
    windowShares("open-weight-authors", "tokens_by_author", "author", Row::openWeight, Row::author);
    bucketedShares("size-classes", "share_by_size_class", "size_class", Row::openWeight, Row::sizeClass);
    modelsBySizeClass();
    bucketedShares("reasoning", "reasoning_share", "model_kind", r -> true,
        r -> r.reasoningModel() ? "reasoning" : "non_reasoning");
    reasoningTokens();
    bucketedShares("tool-calls", "tool_call_share", "finish", r -> true, r -> r.toolCall() ? "tool_calls" : "other");
    toolsOffered();
    lengths();
    geography();
    retention();
    costAndElasticity();
    bucketedShares("apps", "share_by_app", "app", r -> true, Row::app);
    operational();
    classifiedAnalyses();
  }

  private static void overview() throws Exception {
    JsonNode o = stats.get("overview", "");
    ToDoubleFunction<Row> requests = r -> r.cell().requests();
    gaps.exact("overview", "requests", intended.total(r -> true, requests), o.path("requests").asDouble());
    gaps.exact("overview", "errors", intended.total(r -> !r.ok(), requests), o.path("errors").asDouble());
    gaps.exact("overview", "prompt tokens", intended.total(r -> true, r -> r.cell().promptTokens()), o.at("/tokens/prompt").asDouble());
    gaps.exact("overview", "completion tokens", intended.total(r -> true, r -> r.cell().completionTokens()),
        o.at("/tokens/completion").asDouble());
    gaps.exact("overview", "reasoning tokens", intended.total(r -> true, r -> r.cell().reasoningTokens()),
        o.at("/tokens/reasoning").asDouble());
    gaps.relative("overview", "cost", intended.total(r -> true, r -> r.cell().costUsd()), o.path("cost_usd").asDouble(), 1e-9);
    Set<String> users = new TreeSet<>();
    intended.activity().values().forEach(u -> users.addAll(u.keySet()));
    gaps.exact("overview", "users", users.size(), o.path("users").asDouble());
    gaps.exact("overview", "models", intended.sum(r -> true, null, Row::model, r -> 1).get("").size(),
        o.path("distinct_models").asDouble());
  }

  /** Compares a (bucket × key) token-share table: every share, and every token sum exactly. */
  private static void bucketedShares(String analysis, String series, String keyColumn, Predicate<Row> filter,
      Function<Row, String> key) throws Exception {
    shares(analysis, series, keyColumn, StatsApi.rows(stats.get(analysis, "top=100"), series),
        intended.sum(filter, Row::week, key, Row::tokens), true, false);
  }

  private static void windowShares(String analysis, String series, String keyColumn, Predicate<Row> filter,
      Function<Row, String> key) throws Exception {
    shares(analysis, series, keyColumn, StatsApi.rows(stats.get(analysis, "top=100"), series),
        intended.sum(filter, null, key, Row::tokens), false, false);
  }

  /**
   * Compares reported share rows with expected values per (group/bucket, key). Keys the analysis
   * folded into "other" are folded the same way; values are compared exactly unless {@code
   * sharesOnly} (the classifier's view of the traffic is compared by share).
   */
  private static void shares(String analysis, String series, String keyColumn, List<JsonNode> rows,
      Map<String, Map<String, Double>> expected, boolean bucketed, boolean sharesOnly) {
    shares(analysis, series, keyColumn, rows, expected, r -> bucketed ? r.path("bucket").asText() : "", sharesOnly);
  }

  private static void shares(String analysis, String series, String keyColumn, List<JsonNode> rows,
      Map<String, Map<String, Double>> expected, Function<JsonNode, String> bucketOf, boolean sharesOnly) {
    Map<String, Map<String, JsonNode>> reported = new TreeMap<>();
    Set<String> named = new TreeSet<>();
    for (JsonNode r : rows) {
      String key = r.path(keyColumn).asText();
      reported.computeIfAbsent(bucketOf.apply(r), b -> new TreeMap<>()).put(key, r);
      named.add(key);
    }
    boolean folded = named.remove("other");
    Set<String> buckets = new TreeSet<>(reported.keySet());
    expected.forEach((b, values) -> {
      if (values.values().stream().mapToDouble(Double::doubleValue).sum() > 0) {
        buckets.add(b);
      }
    });
    for (String bucket : buckets) {
      Map<String, Double> values = new TreeMap<>();
      expected.getOrDefault(bucket, Map.of()).forEach((k, v) -> values.merge(folded && !named.contains(k) ? "other" : k, v, Double::sum));
      double total = values.values().stream().mapToDouble(Double::doubleValue).sum();
      Map<String, JsonNode> got = reported.getOrDefault(bucket, Map.of());
      Set<String> keys = new TreeSet<>(values.keySet());
      keys.addAll(got.keySet());
      for (String key : keys) {
        String where = series + " " + (bucket.isEmpty() ? "" : bucket + " ") + key;
        double value = values.getOrDefault(key, 0.0);
        JsonNode row = got.get(key);
        if (row == null) {
          if (value > 0) {
            gaps.missing(analysis, where, "expected " + value + ", not reported");
          }
          continue;
        }
        gaps.share(analysis, where, total > 0 ? value / total : 0, row.path("share").asDouble());
        if (!sharesOnly) {
          gaps.exact(analysis, where + " value", value, row.path("value").asDouble());
        }
      }
    }
  }

  private static void concentration() throws Exception {
    Map<String, Map<String, Double>> byWeek = intended.sum(Row::openWeight, Row::week, Row::model, Row::tokens);
    for (JsonNode r : StatsApi.rows(stats.get("open-weight-models", ""), "concentration")) {
      Map<String, Double> models = byWeek.getOrDefault(r.path("bucket").asText(), Map.of());
      double total = models.values().stream().filter(v -> v > 0).mapToDouble(Double::doubleValue).sum();
      double hhi = 0;
      double largest = 0;
      int count = 0;
      int above = 0;
      for (double v : models.values()) {
        if (v > 0) {
          double s = v / total;
          hhi += s * s;
          largest = Math.max(largest, s);
          count++;
          above += s > 0.05 ? 1 : 0;
        }
      }
      String where = "concentration " + r.path("bucket").asText();
      gaps.share("open-weight-models", where + " largest_share", largest, r.path("largest_share").asDouble());
      gaps.share("open-weight-models", where + " hhi", hhi, r.path("hhi").asDouble());
      gaps.exact("open-weight-models", where + " models", count, r.path("models").asDouble());
      gaps.exact("open-weight-models", where + " models_above_5pct", above, r.path("models_above_5pct").asDouble());
    }
  }

  private static void modelsBySizeClass() throws Exception {
    Map<String, Map<String, Set<String>>> expected = new TreeMap<>();
    for (Row r : intended.rows()) {
      if (r.openWeight() && r.tokens() > 0) {
        expected.computeIfAbsent(r.week(), w -> new TreeMap<>()).computeIfAbsent(r.sizeClass(), c -> new TreeSet<>()).add(r.model());
      }
    }
    int reported = 0;
    for (JsonNode r : StatsApi.rows(stats.get("size-classes", ""), "models_by_size_class")) {
      reported++;
      Set<String> models = expected.getOrDefault(r.path("bucket").asText(), Map.of()).getOrDefault(r.path("size_class").asText(), Set.of());
      gaps.exact("size-classes", "models_by_size_class " + r.path("bucket").asText() + " " + r.path("size_class").asText(),
          models.size(), r.path("models").asDouble());
    }
    gaps.exact("size-classes", "models_by_size_class rows", expected.values().stream().mapToInt(Map::size).sum(), reported);
  }

  private static void reasoningTokens() throws Exception {
    Map<String, Map<String, Double>> reasoning = intended.sum(r -> true, Row::week, r -> "r", r -> r.cell().reasoningTokens());
    Map<String, Map<String, Double>> completion = intended.sum(r -> true, Row::week, r -> "c", r -> r.cell().completionTokens());
    for (JsonNode r : StatsApi.rows(stats.get("reasoning", ""), "reasoning_token_share")) {
      String week = r.path("bucket").asText();
      double c = completion.getOrDefault(week, Map.of()).getOrDefault("c", 0.0);
      double rt = reasoning.getOrDefault(week, Map.of()).getOrDefault("r", 0.0);
      gaps.exact("reasoning", "reasoning_token_share " + week + " reasoning_tokens", rt, r.path("reasoning_tokens").asDouble());
      gaps.share("reasoning", "reasoning_token_share " + week, c > 0 ? rt / c : 0, r.path("share").asDouble());
    }
  }

  private static void toolsOffered() throws Exception {
    Map<String, Map<String, Double>> offered = intended.sum(Row::toolsOffered, Row::week, r -> "o", r -> r.cell().requests());
    Map<String, Map<String, Double>> all = intended.sum(r -> true, Row::week, r -> "a", r -> r.cell().requests());
    for (JsonNode r : StatsApi.rows(stats.get("tool-calls", ""), "tools_offered_share")) {
      String week = r.path("bucket").asText();
      gaps.exact("tool-calls", "tools_offered_share " + week + " offered",
          offered.getOrDefault(week, Map.of()).getOrDefault("o", 0.0), r.path("tools_offered_requests").asDouble());
      gaps.exact("tool-calls", "tools_offered_share " + week + " requests",
          all.getOrDefault(week, Map.of()).getOrDefault("a", 0.0), r.path("requests").asDouble());
    }
  }

  private static void lengths() throws Exception {
    Map<String, double[]> sums = new TreeMap<>();
    for (Row r : intended.rows()) {
      double[] s = sums.computeIfAbsent(r.week(), w -> new double[3]);
      s[0] += r.cell().reported();
      s[1] += r.cell().promptTokens();
      s[2] += r.cell().completionTokens();
    }
    for (JsonNode r : StatsApi.rows(stats.get("lengths", ""), "mean_lengths")) {
      double[] s = sums.get(r.path("bucket").asText());
      String where = "mean_lengths " + r.path("bucket").asText();
      gaps.exact("lengths", where + " requests", s[0], r.path("requests").asDouble());
      gaps.relative("lengths", where + " mean_prompt", s[1] / s[0], r.path("mean_prompt").asDouble(), 0.01);
      gaps.relative("lengths", where + " mean_completion", s[2] / s[0], r.path("mean_completion").asDouble(), 0.01);
      gaps.relative("lengths", where + " mean_total", (s[1] + s[2]) / s[0], r.path("mean_total").asDouble(), 0.01);
    }
  }

  private static void geography() throws Exception {
    JsonNode g = stats.get("geography", "");
    shares("geography", "spend_share_by_continent", "continent", StatsApi.rows(g, "spend_share_by_continent"),
        intended.sum(r -> true, Row::week, Row::continent, r -> r.cell().costUsd()), true, true);
    shares("geography", "token_share_by_continent", "continent", StatsApi.rows(g, "token_share_by_continent"),
        intended.sum(r -> true, null, Row::continent, Row::tokens), false, false);
    shares("geography", "token_share_by_country", "country", StatsApi.rows(g, "token_share_by_country"),
        intended.sum(r -> true, null, Row::country, Row::tokens), false, false);
  }

  /** Compares every R(c, k) cell: cohort sizes and active users must be equal. */
  private static void retention() throws Exception {
    Map<String, Map<String, TreeSet<YearMonth>>> activity = intended.activity();
    YearMonth last = activity.values().stream().flatMap(u -> u.values().stream()).map(TreeSet::last)
        .max(YearMonth::compareTo).orElseThrow();
    Map<String, long[]> expected = new TreeMap<>();
    activity.forEach((model, users) -> {
      Map<YearMonth, List<TreeSet<YearMonth>>> cohorts = new TreeMap<>();
      users.values().forEach(months -> cohorts.computeIfAbsent(months.first(), c -> new ArrayList<>()).add(months));
      cohorts.forEach((cohort, members) -> {
        for (int k = 0; k <= ChronoUnit.MONTHS.between(cohort, last); k++) {
          YearMonth month = cohort.plusMonths(k);
          long active = members.stream().filter(m -> m.contains(month)).count();
          expected.put(model + " " + cohort + " k=" + k, new long[] {members.size(), active});
        }
      });
    });
    Map<String, JsonNode> reported = new HashMap<>();
    for (JsonNode r : StatsApi.rows(stats.get("retention", "top=100&min_users=1"), "retention")) {
      reported.put(r.path("model").asText() + " " + r.path("cohort").asText() + " k=" + r.path("k").asInt(), r);
    }
    Set<String> cells = new TreeSet<>(expected.keySet());
    cells.addAll(reported.keySet());
    for (String cell : cells) {
      long[] e = expected.get(cell);
      JsonNode r = reported.get(cell);
      if (e == null || r == null) {
        gaps.missing("retention", cell, e == null ? "reported, not expected" : "expected, not reported");
        continue;
      }
      gaps.exact("retention", cell + " cohort_users", e[0], r.path("cohort_users").asDouble());
      gaps.exact("retention", cell + " active_users", e[1], r.path("active_users").asDouble());
    }
  }

  private static void costAndElasticity() throws Exception {
    Map<String, Double> tokens = intended.sum(r -> true, null, Row::model, Row::tokens).get("");
    Map<String, Double> cost = intended.sum(r -> true, null, Row::model, r -> r.cell().costUsd()).get("");
    Map<String, Double> requests = intended.sum(r -> true, null, Row::model, r -> r.cell().requests()).get("");
    for (JsonNode r : StatsApi.rows(stats.get("cost-usage", ""), "models")) {
      String model = r.path("model").asText();
      gaps.exact("cost-usage", "models " + model + " tokens", tokens.get(model), r.path("tokens").asDouble());
      gaps.relative("cost-usage", "models " + model + " cost", cost.get(model), r.path("cost_usd").asDouble(), 1e-9);
      gaps.relative("cost-usage", "models " + model + " price", cost.get(model) / tokens.get(model) * 1e6,
          r.path("price_per_mtok").asDouble(), 0.01);
    }
    JsonNode fit = stats.get("price-elasticity", "");
    List<double[]> points = new ArrayList<>();
    for (JsonNode r : StatsApi.rows(fit, "models")) {
      String model = r.path("model").asText();
      gaps.exact("price-elasticity", "models " + model + " requests", requests.get(model), r.path("requests").asDouble());
      points.add(new double[] {Math.log(cost.get(model) / tokens.get(model) * 1e6), Math.log(tokens.get(model))});
    }
    double mx = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
    double my = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
    double sxy = points.stream().mapToDouble(p -> (p[0] - mx) * (p[1] - my)).sum();
    double sxx = points.stream().mapToDouble(p -> (p[0] - mx) * (p[0] - mx)).sum();
    gaps.within("price-elasticity", "slope", sxy / sxx, fit.path("slope").asDouble(), 1e-6);
  }

  private static void operational() throws Exception {
    Map<String, double[]> weeks = new TreeMap<>();
    for (Row r : intended.rows()) {
      double[] s = weeks.computeIfAbsent(r.week(), w -> new double[3]);
      s[0] += r.cell().requests();
      s[1] += r.streamed() ? r.cell().requests() : 0;
      s[2] += r.ok() ? 0 : r.cell().requests();
    }
    for (JsonNode r : StatsApi.rows(stats.get("streaming", ""), "streaming")) {
      double[] s = weeks.get(r.path("bucket").asText());
      gaps.exact("streaming", "streaming " + r.path("bucket").asText() + " requests", s[0], r.path("requests").asDouble());
      gaps.exact("streaming", "streaming " + r.path("bucket").asText() + " streamed", s[1], r.path("streamed").asDouble());
    }
    for (JsonNode r : StatsApi.rows(stats.get("errors", ""), "error_rate")) {
      double[] s = weeks.get(r.path("bucket").asText());
      gaps.exact("errors", "error_rate " + r.path("bucket").asText() + " errors", s[2], r.path("errors").asDouble());
    }
  }

  /**
   * Compares the analyses that read the classifier's labels: with what the classifier says of the
   * requests sent (the pipeline, within half a point), and with the intended labels within the
   * classifier's error measured on this traffic.
   */
  private static void classifiedAnalyses() throws Exception {
    Predicate<Row> noOther = r -> !r.category().equals(OTHER);
    JsonNode categories = stats.get("categories", "");
    shares("categories", "share_by_category", "category", StatsApi.rows(categories, "share_by_category"),
        classified.sum(noOther, Row::week, Row::category, Row::tokens), true, false);
    labelError("categories", "category", StatsApi.rows(categories, "window_share_by_category"), noOther, Row::category);

    JsonNode bySource = stats.get("category-by-source", "");
    shares("category-by-source", "open_weight_categories", "category", StatsApi.rows(bySource, "open_weight_categories"),
        classified.sum(r -> noOther.test(r) && r.openWeight(), Row::week, Row::category, Row::tokens), true, false);
    shares("category-by-source", "chinese_oss_categories", "category", StatsApi.rows(bySource, "chinese_oss_categories"),
        classified.sum(r -> noOther.test(r) && r.source().equals("chinese_oss"), Row::week, Row::category, Row::tokens), true, false);
    shares("category-by-source", "programming_by_source", "source", StatsApi.rows(bySource, "programming_by_source"),
        classified.sum(r -> r.category().equals("Programming"), Row::week, Row::source, Row::tokens), true, false);

    shares("category-authors", "share_by_author", "author", StatsApi.rows(stats.get("category-authors", "top=100"), "share_by_author"),
        classified.sum(r -> r.category().equals("Programming"), Row::week, Row::author, Row::tokens), true, false);
    shares("author-categories", "window_share_by_category", "category",
        StatsApi.rows(stats.get("author-categories", "top=100"), "window_share_by_category"),
        classified.sum(noOther, Row::author, Row::category, Row::tokens), r -> r.path("author").asText(), false);

    JsonNode languages = stats.get("languages", "");
    shares("languages", "share_by_language_over_time", "language", StatsApi.rows(languages, "share_by_language_over_time"),
        classified.sum(r -> true, Row::week, Row::language, Row::tokens), true, false);
    labelError("languages", "language", StatsApi.rows(languages, "share_by_language"), r -> true, Row::language);

    shares("category-languages", "language_share_by_category", "language",
        StatsApi.rows(stats.get("category-languages", ""), "language_share_by_category"),
        classified.sum(noOther, Row::category, Row::language, Row::tokens), r -> r.path("category").asText(), false);
  }

  /**
   * Checks each label's window share against the intended labels: the gap may be at most the
   * classifier's own error on this traffic (its share of the label minus the intended share) plus
   * half a point; reports every label's gap and error.
   */
  private static void labelError(String analysis, String keyColumn, List<JsonNode> rows, Predicate<Row> filter,
      Function<Row, String> label) {
    Map<String, Double> want = normalized(intended.sum(filter, null, label, Row::tokens).get(""));
    Map<String, Double> seen = normalized(classified.sum(filter, null, label, Row::tokens).get(""));
    Map<String, Double> got = new TreeMap<>();
    rows.forEach(r -> got.put(r.path(keyColumn).asText(), r.path("share").asDouble()));
    Set<String> keys = new TreeSet<>(want.keySet());
    keys.addAll(got.keySet());
    for (String key : keys) {
      double error = Math.abs(seen.getOrDefault(key, 0.0) - want.getOrDefault(key, 0.0));
      gaps.reported(analysis + " vs intended", key + " (classifier error " + String.format(Locale.ROOT, "%.4f", error) + ")",
          want.getOrDefault(key, 0.0), got.getOrDefault(key, 0.0), error + GapReport.SHARE);
    }
  }

  private static Map<String, Double> normalized(Map<String, Double> values) {
    double total = values.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, Double> shares = new TreeMap<>();
    values.forEach((k, v) -> shares.put(k, v / total));
    return shares;
  }
}

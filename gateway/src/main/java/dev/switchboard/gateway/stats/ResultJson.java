package dev.switchboard.gateway.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.telemetry.stats.analysis.Analysis;
import dev.switchboard.telemetry.stats.analysis.AnalysisResult;
import dev.switchboard.telemetry.stats.analysis.Headline;
import dev.switchboard.telemetry.stats.analysis.Param;
import dev.switchboard.telemetry.stats.analysis.Series;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders results as {@code {analysis, window, parameters, headlines, ...summary, series, notes}},
 * numbers as numbers, each series with its rows as objects; also the list of analyses.
 */
public final class ResultJson {
  private static final Set<String> RESERVED =
      Set.of("analysis", "description", "window", "parameters", "headlines", "series", "notes");

  private ResultJson() {}

  /** Renders one result; {@code analysis} tells whether the window has a bucket. */
  public static ObjectNode render(Analysis analysis, AnalysisResult r) {
    ObjectNode root = JsonCodec.object();
    root.put("analysis", r.analysis());
    root.put("description", analysis.description());
    ObjectNode window = root.putObject("window");
    window.put("from", r.window().from().toString());
    window.put("to", r.window().to().toString());
    if (analysis.params().contains(Param.BUCKET)) {
      window.put("bucket", r.window().bucket().label());
    }
    ObjectNode params = root.putObject("parameters");
    r.parameters().forEach(params::put);
    ArrayNode headlines = root.putArray("headlines");
    for (Headline h : r.headlines()) {
      ObjectNode node = headlines.addObject();
      node.put("label", h.label());
      node.set("value", value(h.value()));
      node.put("unit", h.unit().name().toLowerCase(Locale.ROOT));
      if (h.detail() != null) {
        node.put("detail", h.detail());
      }
    }
    r.summary().forEach((k, v) -> {
      if (!RESERVED.contains(k)) {
        root.set(k, value(v));
      }
    });
    ArrayNode series = root.putArray("series");
    for (Series s : r.series()) {
      ObjectNode node = series.addObject();
      node.put("name", s.name());
      node.put("description", s.description());
      ArrayNode columns = node.putArray("columns");
      s.columns().forEach(columns::add);
      ArrayNode rows = node.putArray("rows");
      for (Map<String, Object> row : s.asMaps()) {
        ObjectNode rowNode = rows.addObject();
        row.forEach((k, v) -> rowNode.set(k, value(v)));
      }
    }
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    return root;
  }

  /** Renders the catalog of analyses with their parameters. */
  public static ObjectNode list(List<Analysis> analyses) {
    ObjectNode root = JsonCodec.object();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    for (Analysis a : analyses) {
      ObjectNode node = data.addObject();
      node.put("name", a.name());
      node.put("description", a.description());
      node.put("url", "/v1/stats/" + a.name());
      ArrayNode params = node.putArray("parameters");
      java.util.EnumSet<Param> all = java.util.EnumSet.copyOf(StatsRequest.COMMON);
      all.addAll(a.params());
      for (Param p : all) {
        params.addObject().put("name", p.wireName()).put("description", p.description());
      }
      params.addObject().put("name", "format").put("description", "json (default) | csv");
    }
    return root;
  }

  @SuppressWarnings("unchecked")
  static JsonNode value(Object v) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (v == null) {
      return f.nullNode();
    }
    if (v instanceof Double d) {
      return Double.isFinite(d) ? f.numberNode(d) : f.nullNode();
    }
    if (v instanceof Long l) {
      return f.numberNode(l);
    }
    if (v instanceof Integer i) {
      return f.numberNode(i);
    }
    if (v instanceof Boolean b) {
      return f.booleanNode(b);
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode node = f.objectNode();
      ((Map<String, Object>) m).forEach((k, x) -> node.set(k, value(x)));
      return node;
    }
    if (v instanceof List<?> l) {
      ArrayNode node = f.arrayNode();
      l.forEach(x -> node.add(value(x)));
      return node;
    }
    return f.textNode(v.toString());
  }
}

package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.MILLISECONDS;
import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.NUMBER;

import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.QuantileMetric;
import dev.switchboard.telemetry.stats.QuantileRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes the latency analysis beyond the study: per provider and model, p50/p90/p99 of latency,
 * time to first token and output tokens per second.
 */
final class Latency implements Analysis {
  private static final List<Double> PROBABILITIES = List.of(0.5, 0.9, 0.99);

  @Override
  public String name() {
    return "latency";
  }

  @Override
  public String description() {
    return "Per provider and model: latency, time to first token and output tokens/s at p50/p90/p99";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.TOKENS);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    List<Dimension> dims = List.of(Dimension.PROVIDER, Dimension.MODEL);
    Map<QuantileMetric, Map<List<String>, QuantileRow>> byMetric = new HashMap<>();
    Map<List<String>, Boolean> groups = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
    for (QuantileMetric metric : QuantileMetric.values()) {
      Map<List<String>, QuantileRow> rows = new HashMap<>();
      for (QuantileRow r : ctx.quantiles(dims, metric, PROBABILITIES)) {
        rows.put(r.keys(), r);
        groups.put(r.keys(), true);
      }
      byMetric.put(metric, rows);
    }
    List<String> columns = new ArrayList<>(List.of("provider", "model", "requests"));
    for (String m : List.of("latency_ms", "ttft_ms", "output_tokens_per_s")) {
      for (String p : List.of("p50", "p90", "p99")) {
        columns.add(m + "_" + p);
      }
    }
    Series.Builder table = Series.builder("latency", "quantiles per provider and model (successful requests)",
        Series.Layout.TABLE, columns.toArray(String[]::new));
    for (List<String> g : groups.keySet()) {
      List<Object> row = new ArrayList<>(List.of(g.get(0), g.get(1)));
      QuantileRow latency = byMetric.get(QuantileMetric.LATENCY_MS).get(g);
      row.add(latency == null ? 0L : latency.count());
      for (QuantileMetric metric : QuantileMetric.values()) {
        QuantileRow r = byMetric.get(metric).get(g);
        for (int i = 0; i < PROBABILITIES.size(); i++) {
          row.add(r == null ? null : r.quantiles().get(i));
        }
      }
      table.row(row.toArray());
    }
    List<QuantileRow> overall = ctx.quantiles(List.of(), QuantileMetric.LATENCY_MS, PROBABILITIES);
    List<QuantileRow> ttft = ctx.quantiles(List.of(), QuantileMetric.TTFT_MS, PROBABILITIES);
    List<QuantileRow> speed = ctx.quantiles(List.of(), QuantileMetric.OUTPUT_TOKENS_PER_SECOND, PROBABILITIES);
    return ctx.result(this)
        .headline("latency p50", first(overall), MILLISECONDS)
        .headline("time to first token p50", first(ttft), MILLISECONDS)
        .headline("output tokens per second p50", first(speed), NUMBER)
        .series(table.build())
        .note("Successful requests only. Latency: request received to last byte sent; TTFT: to first content byte (streams).")
        .note("Output tokens/s: completion tokens over the time after the first token (whole latency without one).")
        .note("Quantiles are approximate (t-digest), typically within 1% of the exact value.")
        .build();
  }

  private static Double first(List<QuantileRow> rows) {
    return rows.isEmpty() || rows.get(0).count() == 0 ? null : rows.get(0).quantiles().get(0);
  }
}

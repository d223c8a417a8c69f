package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.MILLISECONDS;
import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.NUMBER;

import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.HistogramRow;
import dev.switchboard.telemetry.stats.LogBins;
import dev.switchboard.telemetry.stats.QuantileMetric;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes the latency analysis beyond the study: per provider and model, p50/p90/p99 of latency,
 * time to first token and output tokens per second, read from log-binned histograms.
 */
final class Latency implements Analysis {
  private static final double[] PROBABILITIES = {0.5, 0.9, 0.99};
  private static final String[] LABELS = {"p50", "p90", "p99"};
  private static final Map<QuantileMetric, String> COLUMNS = Map.of(
      QuantileMetric.LATENCY_MS, "latency_ms", QuantileMetric.TTFT_MS, "ttft_ms",
      QuantileMetric.OUTPUT_TOKENS_PER_SECOND, "output_tokens_per_s");

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
    return Set.of();
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    List<HistogramRow> rows = ctx.histograms(List.of(Dimension.PROVIDER, Dimension.MODEL), EnumSet.allOf(QuantileMetric.class));
    // (provider, model) -> metric -> bin -> count; the overall histograms are their sums.
    Map<List<String>, Map<QuantileMetric, Map<Integer, Long>>> groups =
        new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
    Map<QuantileMetric, Map<Integer, Long>> overall = new EnumMap<>(QuantileMetric.class);
    for (HistogramRow r : rows) {
      groups.computeIfAbsent(r.keys(), k -> new EnumMap<>(QuantileMetric.class))
          .computeIfAbsent(r.metric(), m -> new HashMap<>()).merge(r.bin(), r.count(), Long::sum);
      overall.computeIfAbsent(r.metric(), m -> new HashMap<>()).merge(r.bin(), r.count(), Long::sum);
    }
    List<String> columns = new ArrayList<>(List.of("provider", "model", "requests"));
    for (QuantileMetric m : QuantileMetric.values()) {
      for (String p : LABELS) {
        columns.add(COLUMNS.get(m) + "_" + p);
      }
    }
    Series.Builder table = Series.builder("latency", "quantiles per provider and model (successful requests)",
        Series.Layout.TABLE, columns.toArray(String[]::new));
    groups.forEach((keys, histograms) -> {
      List<Object> row = new ArrayList<>(List.of(keys.get(0), keys.get(1)));
      row.add(histograms.getOrDefault(QuantileMetric.LATENCY_MS, Map.of()).values().stream().mapToLong(Long::longValue).sum());
      for (QuantileMetric m : QuantileMetric.values()) {
        Map<Integer, Long> h = histograms.getOrDefault(m, Map.of());
        for (double p : PROBABILITIES) {
          row.add(h.isEmpty() ? null : LogBins.quantile(h, p));
        }
      }
      table.row(row.toArray());
    });
    return ctx.result(this)
        .headline("latency p50", median(overall, QuantileMetric.LATENCY_MS), MILLISECONDS)
        .headline("time to first token p50", median(overall, QuantileMetric.TTFT_MS), MILLISECONDS)
        .headline("output tokens per second p50", median(overall, QuantileMetric.OUTPUT_TOKENS_PER_SECOND), NUMBER)
        .series(table.build())
        .note("Successful requests only. Latency: request received to last byte sent; TTFT: to first content byte (streams).")
        .note("Output tokens/s: provider-reported completion tokens over the time after the first token (whole latency without one).")
        .note("Quantiles (nearest rank) come from logarithmic histograms with 2% bins: within 1% of the exact value.")
        .build();
  }

  private static Double median(Map<QuantileMetric, Map<Integer, Long>> histograms, QuantileMetric metric) {
    Map<Integer, Long> h = histograms.get(metric);
    return h == null ? null : LogBins.quantile(h, 0.5);
  }
}

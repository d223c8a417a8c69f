package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.analysis.ShareTable.Cell;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Computes the per-app analysis beyond the study: usage per calling app (X-Title, else HTTP-Referer). */
final class Apps implements Analysis {
  @Override
  public String name() {
    return "apps";
  }

  @Override
  public String description() {
    return "Requests, tokens, cost and share per calling app (X-Title / HTTP-Referer), over the window and per bucket";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET, Param.TOKENS, Param.WEIGHT, Param.TOP);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Measure weight = ctx.query().weight().measure();
    Set<Measure> measures = Set.of(Measure.REQUESTS, Measure.TOKENS, Measure.COST_USD);
    List<AggregateRow> rows = ctx.bucketed(ctx.filter(), List.of(Dimension.APP), measures);
    List<Cell> cells = rows.stream().map(r -> new Cell(null, r.bucket(), r.key(0), r.get(weight))).toList();
    Map<String, double[]> perApp = new TreeMap<>();
    for (AggregateRow r : rows) {
      double[] s = perApp.computeIfAbsent(r.key(0), a -> new double[3]);
      s[0] += r.get(Measure.REQUESTS);
      s[1] += r.get(Measure.TOKENS);
      s[2] += r.get(Measure.COST_USD);
    }
    Map<String, Double> totals = ShareTable.totals(cells);
    double all = totals.values().stream().mapToDouble(Double::doubleValue).sum();
    Series.Builder table = Series.builder("apps", "usage per app over the window (none: no app header)", Series.Layout.TABLE,
        "app", "requests", "tokens", "cost_usd", "share");
    perApp.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -totals.getOrDefault(e.getKey(), 0.0))
            .thenComparing(Map.Entry::getKey))
        .forEach(e -> table.row(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2],
            all > 0 ? totals.getOrDefault(e.getKey(), 0.0) / all : null));
    Set<String> top = TopN.keys(totals, ctx.top(10));
    Series shares = ShareTable.build("share_by_app", "share per app per bucket (top apps and other)", null, "app",
        ShareTable.collapse(cells, top), ctx.window());
    // The headline names a real app: traffic without an app header is not one.
    String first = top.stream().filter(a -> !a.equals(Dimension.NONE)).findFirst().orElse(null);
    return ctx.result(this)
        .headline("top app's share", first == null || all <= 0 ? null : totals.get(first) / all, SHARE, first)
        .series(table.build())
        .series(shares)
        .note("App: the X-Title header, else HTTP-Referer; none when the client sent neither.")
        .build();
  }
}

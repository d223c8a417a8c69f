package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.COUNT;
import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.NUMBER;
import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.analysis.ShareTable.Cell;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes analysis 2: each open-weight model's share of open-weight traffic per bucket (top N and
 * other), with the concentration of every bucket.
 */
final class OpenWeightModels implements Analysis {
  @Override
  public String name() {
    return "open-weight-models";
  }

  @Override
  public String description() {
    return "Top open-weight models' share of open-weight tokens per bucket, with largest share, HHI and models above 5%";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET, Param.TOKENS, Param.WEIGHT, Param.TOP);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Measure weight = ctx.query().weight().measure();
    List<AggregateRow> rows = ctx.bucketed(ctx.openWeightFilter(), List.of(Dimension.MODEL), Set.of(weight));
    List<Cell> cells = rows.stream().map(r -> new Cell(null, r.bucket(), r.key(0), r.get(weight))).toList();
    Set<String> top = TopN.keys(ShareTable.totals(cells), ctx.top(10));
    Series shares = ShareTable.build("share_by_model", "share of open-weight traffic per bucket, top models and other",
        null, "model", ShareTable.collapse(cells, top), ctx.window());
    Series window = ShareTable.build("window_share_by_model", "share of open-weight traffic over the window", null, "model",
        ShareTable.collapse(ShareTable.unbucketed(cells), top), null);

    Map<LocalDate, Map<String, Double>> perBucket = new TreeMap<>();
    for (Cell c : cells) {
      perBucket.computeIfAbsent(c.bucket(), b -> new LinkedHashMap<>()).merge(c.key(), c.value(), Double::sum);
    }
    Series.Builder concentration = Series.builder("concentration",
        "per bucket: models with traffic, the largest model and its share, HHI (sum of squared shares), models above 5%",
        Series.Layout.TABLE, "bucket", "partial", "denominator", "models", "largest_model", "largest_share", "hhi",
        "models_above_5pct");
    Concentration last = null;
    for (Map.Entry<LocalDate, Map<String, Double>> e : perBucket.entrySet()) {
      Concentration c = Concentration.of(e.getValue());
      if (c == null) {
        continue;
      }
      double denominator = e.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
      concentration.row(e.getKey().toString(), ctx.window().partial(e.getKey()), denominator, (long) c.entries(),
          c.largest(), c.largestShare(), c.hhi(), (long) c.above5Percent());
      last = c;
    }
    Concentration overall = Concentration.of(ShareTable.totals(cells));
    return ctx.result(this)
        .headline("largest model share, last bucket", last == null ? null : last.largestShare(), SHARE,
            last == null ? null : last.largest())
        .headline("models above 5%, last bucket", last == null ? null : (double) last.above5Percent(), COUNT)
        .headline("HHI over the window", overall == null ? null : overall.hhi(), NUMBER)
        .series(shares)
        .series(concentration.build())
        .series(window)
        .note("Open-weight traffic only (Chinese OSS and RoW OSS); concentration uses every model, not just the top N.")
        .build();
  }
}

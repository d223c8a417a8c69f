package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.analysis.ShareTable.Cell;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes analysis 4: each size class's share of open-weight traffic per bucket, and how many
 * open-weight models of each class had traffic.
 */
final class SizeClasses implements Analysis {
  @Override
  public String name() {
    return "size-classes";
  }

  @Override
  public String description() {
    return "Open-weight tokens per size class (small < 15B, medium 15-70B, large >= 70B) per bucket, and models with traffic per class";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET, Param.TOKENS, Param.WEIGHT);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Measure weight = ctx.query().weight().measure();
    List<AggregateRow> rows =
        ctx.bucketed(ctx.openWeightFilter(), List.of(Dimension.SIZE_CLASS, Dimension.MODEL), Set.of(weight));
    List<Cell> cells = rows.stream().map(r -> new Cell(null, r.bucket(), r.key(0), r.get(weight))).toList();
    Series shares = ShareTable.build("share_by_size_class", "share of open-weight traffic per size class per bucket",
        null, "size_class", cells, ctx.window());
    Series window = ShareTable.build("window_share_by_size_class", "share of open-weight traffic per size class over the window",
        null, "size_class", ShareTable.unbucketed(cells), null);
    Map<LocalDate, Map<String, Set<String>>> models = new TreeMap<>();
    for (AggregateRow r : rows) {
      if (r.get(weight) > 0) {
        models.computeIfAbsent(r.bucket(), b -> new TreeMap<>()).computeIfAbsent(r.key(0), k -> new TreeSet<>()).add(r.key(1));
      }
    }
    Series.Builder counts = Series.builder("models_by_size_class", "open-weight models with traffic per size class per bucket",
        Series.Layout.TABLE, "bucket", "partial", "size_class", "models");
    models.forEach((bucket, byClass) -> byClass.forEach(
        (sizeClass, names) -> counts.row(bucket.toString(), ctx.window().partial(bucket), sizeClass, (long) names.size())));
    Double medium = window.isEmpty() ? null : window.sum("share", "size_class", "medium");
    return ctx.result(this)
        .headline("medium share of open-weight traffic", medium, SHARE)
        .series(shares)
        .series(counts.build())
        .series(window)
        .note("Size class from total parameters; unknown when the catalog does not list them.")
        .build();
  }
}

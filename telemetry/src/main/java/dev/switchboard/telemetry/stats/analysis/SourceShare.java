package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.Segment;
import dev.switchboard.telemetry.stats.analysis.ShareTable.Cell;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Computes analysis 1: the share of proprietary, Chinese OSS and RoW OSS traffic per bucket. */
final class SourceShare implements Analysis {
  @Override
  public String name() {
    return "source-share";
  }

  @Override
  public String description() {
    return "Share of tokens per bucket from proprietary, Chinese open-weight and rest-of-world open-weight models";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET, Param.TOKENS, Param.WEIGHT);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Measure weight = ctx.query().weight().measure();
    List<AggregateRow> rows = ctx.bucketed(ctx.filter(), List.of(Dimension.SOURCE), Set.of(weight));
    List<Cell> cells = rows.stream().map(r -> new Cell(null, r.bucket(), r.key(0), r.get(weight))).toList();
    Series overTime = ShareTable.build("share_by_source", "share of each source per bucket", null, "source", cells, ctx.window());
    Series window = ShareTable.build("window_share_by_source", "share of each source over the window", null, "source",
        ShareTable.unbucketed(cells), null);
    Map<String, Double> totals = ShareTable.totals(cells);
    double all = totals.values().stream().mapToDouble(Double::doubleValue).sum();
    double open = totals.getOrDefault(Segment.CHINESE_OSS.label(), 0.0) + totals.getOrDefault(Segment.ROW_OSS.label(), 0.0);
    return ctx.result(this)
        .headline("open-weight share", all > 0 ? open / all : null, SHARE)
        .headline("Chinese OSS share, mean of buckets", meanShare(overTime, Segment.CHINESE_OSS), SHARE)
        .headline("RoW OSS share, mean of buckets", meanShare(overTime, Segment.ROW_OSS), SHARE)
        .series(overTime)
        .series(window)
        .note("Chinese OSS: open weights from mainland China, Hong Kong or Taiwan; unknown: models without catalog metadata.")
        .note("Means of buckets count a bucket without a segment's traffic as 0.")
        .build();
  }

  /** Averages a segment's share over all buckets with traffic, 0 where it had none. */
  static Double meanShare(Series overTime, Segment segment) {
    List<Object> buckets = overTime.column("bucket").stream().distinct().toList();
    if (buckets.isEmpty()) {
      return null;
    }
    double sum = 0;
    for (Object b : buckets) {
      sum += overTime.sum("share", "bucket", b, "source", segment.label());
    }
    return sum / buckets.size();
  }
}

package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Computes the streaming analysis beyond the study: streamed and cancelled shares of requests, per bucket and per model. */
final class Streaming implements Analysis {
  @Override
  public String name() {
    return "streaming";
  }

  @Override
  public String description() {
    return "Share of requests streamed and cancelled by the client, per bucket and per model";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Set<Measure> measures = Set.of(Measure.REQUESTS, Measure.STREAMED_REQUESTS, Measure.CANCELLED);
    List<AggregateRow> rows = ctx.bucketed(ctx.filter().chatOnly(), List.of(Dimension.MODEL), measures);
    Map<LocalDate, double[]> perBucket = new TreeMap<>();
    Map<String, double[]> perModel = new TreeMap<>();
    double[] all = new double[3];
    for (AggregateRow r : rows) {
      add(perBucket.computeIfAbsent(r.bucket(), b -> new double[3]), r);
      add(perModel.computeIfAbsent(r.key(0), m -> new double[3]), r);
      add(all, r);
    }
    Series.Builder time = Series.builder("streaming", "streamed and cancelled requests per bucket", Series.Layout.TABLE,
        "bucket", "partial", "requests", "streamed", "streamed_share", "cancelled", "cancelled_share");
    perBucket.forEach((b, s) -> time.row(b.toString(), ctx.window().partial(b), s[0], s[1], s[1] / s[0], s[2], s[2] / s[0]));
    Series.Builder models = Series.builder("by_model", "streamed and cancelled requests per model over the window",
        Series.Layout.TABLE, "model", "requests", "streamed", "streamed_share", "cancelled", "cancelled_share");
    perModel.forEach((m, s) -> models.row(m, s[0], s[1], s[1] / s[0], s[2], s[2] / s[0]));
    return ctx.result(this)
        .headline("streamed share of requests", all[0] > 0 ? all[1] / all[0] : null, SHARE)
        .headline("cancelled share of requests", all[0] > 0 ? all[2] / all[0] : null, SHARE)
        .series(time.build())
        .series(models.build())
        .note("Embedding requests are left out: they have no answer to measure.")
        .note("Cancelled: the client went away before the answer was complete.")
        .build();
  }

  private static void add(double[] sums, AggregateRow r) {
    sums[0] += r.get(Measure.REQUESTS);
    sums[1] += r.get(Measure.STREAMED_REQUESTS);
    sums[2] += r.get(Measure.CANCELLED);
  }
}

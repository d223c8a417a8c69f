package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Computes the error analysis beyond the study: error and cancellation rates per bucket, by kind and by provider. */
final class Errors implements Analysis {
  @Override
  public String name() {
    return "errors";
  }

  @Override
  public String description() {
    return "Error and cancellation rates per bucket; requests by outcome and error type; error rate per provider";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Set<Measure> measures = Set.of(Measure.REQUESTS, Measure.ERRORS, Measure.CANCELLED);
    List<AggregateRow> rows = ctx.bucketed(ctx.filter(), List.of(Dimension.OUTCOME, Dimension.ERROR_TYPE, Dimension.PROVIDER), measures);
    Map<LocalDate, double[]> perBucket = new TreeMap<>();
    Map<List<String>, Double> byKind = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
    Map<String, double[]> byProvider = new TreeMap<>();
    double[] all = new double[3];
    for (AggregateRow r : rows) {
      add(perBucket.computeIfAbsent(r.bucket(), b -> new double[3]), r);
      add(byProvider.computeIfAbsent(r.key(2), p -> new double[3]), r);
      add(all, r);
      byKind.merge(List.of(r.key(0), r.key(1)), r.get(Measure.REQUESTS), Double::sum);
    }
    Series.Builder rates = Series.builder("error_rate", "errors and cancellations per bucket", Series.Layout.TABLE,
        "bucket", "partial", "requests", "errors", "error_rate", "cancelled", "cancellation_rate");
    perBucket.forEach((b, s) -> rates.row(b.toString(), ctx.window().partial(b), s[0], s[1], s[1] / s[0], s[2], s[2] / s[0]));
    Series.Builder kinds = Series.builder("requests_by_outcome", "requests per outcome and error type over the window",
        Series.Layout.TABLE, "outcome", "error_type", "requests", "share");
    byKind.forEach((k, n) -> kinds.row(k.get(0), k.get(1), n, n / all[0]));
    Series.Builder providers = Series.builder("errors_by_provider", "error rate per provider (none: refused before routing)",
        Series.Layout.TABLE, "provider", "requests", "errors", "error_rate", "cancelled", "cancellation_rate");
    byProvider.forEach((p, s) -> providers.row(p, s[0], s[1], s[1] / s[0], s[2], s[2] / s[0]));
    return ctx.result(this)
        .headline("error rate", all[0] > 0 ? all[1] / all[0] : null, SHARE)
        .headline("cancellation rate", all[0] > 0 ? all[2] / all[0] : null, SHARE)
        .series(rates.build())
        .series(kinds.build())
        .series(providers.build())
        .note("Errors: client_error, upstream_error, upstream_unavailable and gateway_error; cancelled is counted apart.")
        .build();
  }

  private static void add(double[] sums, AggregateRow r) {
    sums[0] += r.get(Measure.REQUESTS);
    sums[1] += r.get(Measure.ERRORS);
    sums[2] += r.get(Measure.CANCELLED);
  }
}

package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.NUMBER;
import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes the retry and fallback analysis beyond the study: how many upstream attempts requests
 * took, per bucket, as a distribution, and per provider.
 */
final class Attempts implements Analysis {
  @Override
  public String name() {
    return "attempts";
  }

  @Override
  public String description() {
    return "Upstream attempts per request (retries and fallbacks): share retried and mean attempts per bucket and provider; distribution";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Set<Measure> measures = Set.of(Measure.REQUESTS, Measure.RETRIED_REQUESTS, Measure.ATTEMPTS);
    List<AggregateRow> rows = ctx.bucketed(ctx.filter(), List.of(Dimension.PROVIDER, Dimension.ATTEMPTS), measures);
    Map<LocalDate, double[]> perBucket = new TreeMap<>();
    Map<String, double[]> perProvider = new TreeMap<>();
    Map<Long, Double> distribution = new TreeMap<>();
    double[] all = new double[3];
    for (AggregateRow r : rows) {
      add(perBucket.computeIfAbsent(r.bucket(), b -> new double[3]), r);
      add(perProvider.computeIfAbsent(r.key(0), p -> new double[3]), r);
      add(all, r);
      distribution.merge(Long.parseLong(r.key(1)), r.get(Measure.REQUESTS), Double::sum);
    }
    Series.Builder time = Series.builder("attempts_over_time", "retried requests and mean attempts per bucket",
        Series.Layout.TABLE, "bucket", "partial", "requests", "retried", "retried_share", "mean_attempts");
    perBucket.forEach((b, s) -> time.row(b.toString(), ctx.window().partial(b), s[0], s[1], s[1] / s[0], s[2] / s[0]));
    Series.Builder dist = Series.builder("attempt_distribution", "requests by number of upstream attempts (0: never reached a provider)",
        Series.Layout.TABLE, "attempts", "requests", "share");
    distribution.forEach((n, count) -> dist.row(n, count, count / all[0]));
    Series.Builder providers = Series.builder("by_provider", "retried requests and mean attempts per provider",
        Series.Layout.TABLE, "provider", "requests", "retried", "retried_share", "mean_attempts");
    perProvider.forEach((p, s) -> providers.row(p, s[0], s[1], s[1] / s[0], s[2] / s[0]));
    return ctx.result(this)
        .headline("retried share of requests", all[0] > 0 ? all[1] / all[0] : null, SHARE)
        .headline("mean attempts per request", all[0] > 0 ? all[2] / all[0] : null, NUMBER)
        .series(time.build())
        .series(dist.build())
        .series(providers.build())
        .note("Retried: more than one upstream attempt (a retry or a fallback); provider is the one that answered last.")
        .build();
  }

  private static void add(double[] sums, AggregateRow r) {
    sums[0] += r.get(Measure.REQUESTS);
    sums[1] += r.get(Measure.RETRIED_REQUESTS);
    sums[2] += r.get(Measure.ATTEMPTS);
  }
}

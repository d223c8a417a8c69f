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

/**
 * Computes the prompt-cache analysis beyond the study: the share of prompt tokens served from a
 * provider's cache, per bucket and per model, provider and app, so that users see what session
 * affinity saves (cached input is billed at 10-25% of the input price).
 */
final class CacheHits implements Analysis {
  private static final Set<Measure> MEASURES =
      Set.of(Measure.REQUESTS, Measure.PROMPT_TOKENS, Measure.CACHED_READ_TOKENS, Measure.CACHE_WRITE_TOKENS);

  @Override
  public String name() {
    return "cache";
  }

  @Override
  public String description() {
    return "Share of prompt tokens read from the provider's prompt cache, per bucket and per model, provider and app";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    List<AggregateRow> byModel = ctx.bucketed(ctx.filter(), List.of(Dimension.MODEL), MEASURES);
    Map<LocalDate, double[]> perBucket = new TreeMap<>();
    Map<String, double[]> perModel = new TreeMap<>();
    double[] all = new double[4];
    for (AggregateRow r : byModel) {
      add(perBucket.computeIfAbsent(r.bucket(), b -> new double[4]), r);
      add(perModel.computeIfAbsent(r.key(0), m -> new double[4]), r);
      add(all, r);
    }
    Series.Builder time = Series.builder("cache", "prompt tokens read from cache per bucket", Series.Layout.TABLE,
        "bucket", "partial", "requests", "prompt_tokens", "cached_read_tokens", "cache_write_tokens", "hit_share");
    perBucket.forEach((b, s) -> time.row(b.toString(), ctx.window().partial(b), s[0], s[1], s[2], s[3], share(s)));
    return ctx.result(this)
        .headline("cache hit share of prompt tokens", share(all), SHARE)
        .series(time.build())
        .series(table("by_model", "model", perModel))
        .series(table("by_provider", "provider", totals(ctx, Dimension.PROVIDER)))
        .series(table("by_app", "app", totals(ctx, Dimension.APP)))
        .note("Hit share: cached read tokens / prompt tokens (native counts; prompt tokens include cache reads"
            + " and writes). Requests whose provider reports no cache count as misses.")
        .build();
  }

  private static Map<String, double[]> totals(AnalysisContext ctx, Dimension dimension) {
    Map<String, double[]> sums = new TreeMap<>();
    for (AggregateRow r : ctx.total(ctx.filter(), List.of(dimension), MEASURES)) {
      add(sums.computeIfAbsent(r.key(0), k -> new double[4]), r);
    }
    return sums;
  }

  private static Series table(String name, String key, Map<String, double[]> sums) {
    Series.Builder table = Series.builder(name, "prompt tokens read from cache per " + key + " over the window",
        Series.Layout.TABLE, key, "requests", "prompt_tokens", "cached_read_tokens", "cache_write_tokens", "hit_share");
    sums.forEach((k, s) -> table.row(k, s[0], s[1], s[2], s[3], share(s)));
    return table.build();
  }

  private static Double share(double[] sums) {
    return sums[1] > 0 ? sums[2] / sums[1] : null;
  }

  private static void add(double[] sums, AggregateRow r) {
    sums[0] += r.get(Measure.REQUESTS);
    sums[1] += r.get(Measure.PROMPT_TOKENS);
    sums[2] += r.get(Measure.CACHED_READ_TOKENS);
    sums[3] += r.get(Measure.CACHE_WRITE_TOKENS);
  }
}

package dev.switchboard.telemetry.stats.analysis;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Computes spend per request tag ({@code x-switchboard-tags}, {@code metadata.tags}): requests,
 * tokens and cost per tag over the window and per bucket. A request with several tags counts in
 * each, so tags are not shares of a whole.
 */
final class Tags implements Analysis {
  @Override
  public String name() {
    return "tags";
  }

  @Override
  public String description() {
    return "Requests, tokens and cost per request tag (x-switchboard-tags / metadata.tags), over the window and per bucket";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET, Param.TOKENS);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Set<Measure> measures = Set.of(Measure.REQUESTS, Measure.TOKENS, Measure.COST_USD);
    List<AggregateRow> totals = ctx.total(ctx.filter(), List.of(Dimension.TAG), measures);
    Series.Builder table = Series.builder("tags", "usage per tag over the window (untagged: no tags)",
        Series.Layout.TABLE, "tag", "requests", "tokens", "cost_usd");
    totals.stream()
        .sorted(Comparator.comparingDouble((AggregateRow r) -> -r.get(Measure.COST_USD)).thenComparing(r -> r.key(0)))
        .forEach(r -> table.row(r.key(0), r.get(Measure.REQUESTS), r.get(Measure.TOKENS), r.get(Measure.COST_USD)));
    Series.Builder perBucket = Series.builder("cost_by_tag", "cost per tag per bucket",
        Series.Layout.TABLE, "bucket", "tag", "requests", "cost_usd");
    for (AggregateRow r : ctx.bucketed(ctx.filter(), List.of(Dimension.TAG), measures)) {
      perBucket.row(r.bucket().toString(), r.key(0), r.get(Measure.REQUESTS), r.get(Measure.COST_USD));
    }
    return ctx.result(this)
        .series(table.build())
        .series(perBucket.build())
        .note("A request with several tags counts once in each of them; untagged: requests without tags.")
        .build();
  }
}

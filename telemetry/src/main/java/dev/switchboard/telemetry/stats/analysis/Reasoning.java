package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.analysis.ShareTable.Cell;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes analysis 6: the share of traffic served by reasoning models per bucket, the top
 * reasoning models, and the share of completion tokens reported as reasoning.
 */
final class Reasoning implements Analysis {
  @Override
  public String name() {
    return "reasoning";
  }

  @Override
  public String description() {
    return "Share of tokens served by reasoning models per bucket, top reasoning models, and reasoning share of completion tokens";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET, Param.TOKENS, Param.WEIGHT, Param.TOP);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Measure weight = ctx.query().weight().measure();
    List<AggregateRow> rows = ctx.bucketed(ctx.filter().chatOnly(), List.of(Dimension.REASONING_MODEL, Dimension.MODEL),
        EnumSet.of(weight, Measure.NATIVE_COMPLETION_TOKENS, Measure.REASONING_TOKENS));
    List<Cell> cells = rows.stream().map(r -> new Cell(null, r.bucket(), label(r.key(0)), r.get(weight))).toList();
    Series share = ShareTable.build("reasoning_share", "share of traffic served by reasoning models per bucket",
        null, "model_kind", cells, ctx.window());
    List<Cell> reasoningModels = rows.stream().filter(r -> r.key(0).equals("true"))
        .map(r -> new Cell(null, null, r.key(1), r.get(weight))).toList();
    Set<String> top = TopN.keys(ShareTable.totals(reasoningModels), ctx.top(10));
    Series topModels = ShareTable.build("top_reasoning_models", "reasoning models' shares of reasoning-model traffic over the window",
        null, "model", ShareTable.collapse(reasoningModels, top), null);

    Map<LocalDate, double[]> completion = new TreeMap<>();
    double[] all = new double[2];
    for (AggregateRow r : rows) {
      double[] sums = completion.computeIfAbsent(r.bucket(), b -> new double[2]);
      sums[0] += r.get(Measure.REASONING_TOKENS);
      sums[1] += r.get(Measure.NATIVE_COMPLETION_TOKENS);
      all[0] += r.get(Measure.REASONING_TOKENS);
      all[1] += r.get(Measure.NATIVE_COMPLETION_TOKENS);
    }
    Series.Builder reasoningTokens = Series.builder("reasoning_token_share",
        "reported reasoning tokens as a share of completion tokens per bucket (native counts)", Series.Layout.TABLE,
        "bucket", "partial", "reasoning_tokens", "completion_tokens", "share");
    completion.forEach((bucket, sums) -> {
      if (sums[1] > 0) {
        reasoningTokens.row(bucket.toString(), ctx.window().partial(bucket), sums[0], sums[1], sums[0] / sums[1]);
      }
    });
    Series window = ShareTable.build("window_reasoning_share", "share of traffic served by reasoning models over the window",
        null, "model_kind", ShareTable.unbucketed(cells), null);
    return ctx.result(this)
        .headline("reasoning-model share", window.isEmpty() ? null : window.sum("share", "model_kind", "reasoning"), SHARE)
        .headline("reasoning share of completion tokens", all[1] > 0 ? all[0] / all[1] : null, SHARE)
        .series(share)
        .series(topModels)
        .series(reasoningTokens.build())
        .series(window)
        .note("Embedding requests are left out: they have no answer to measure.")
        .note("Reasoning model: the catalog's reasoning flag; unknown for models the catalog does not list.")
        .note("Reasoning tokens are counted only where the provider reports them; completion tokens include them.")
        .build();
  }

  private static String label(String reasoningFlag) {
    return switch (reasoningFlag) {
      case "true" -> "reasoning";
      case "false" -> "non_reasoning";
      default -> "unknown";
    };
  }
}

package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.FinishReason;
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
 * Computes analysis 7: the share of traffic from requests that ended in a tool call, the top models
 * by tool-call traffic, and the share of requests offering tools.
 */
final class ToolCalls implements Analysis {
  private static final String TOOL_CALLS = FinishReason.TOOL_CALLS.wireName();

  @Override
  public String name() {
    return "tool-calls";
  }

  @Override
  public String description() {
    return "Share of tokens from requests ending in a tool call per bucket, top models by tool-call tokens, share of requests offering tools";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET, Param.TOKENS, Param.WEIGHT, Param.TOP);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Measure weight = ctx.query().weight().measure();
    List<AggregateRow> rows = ctx.bucketed(ctx.filter().chatOnly(), List.of(Dimension.FINISH_REASON, Dimension.MODEL),
        EnumSet.of(weight, Measure.REQUESTS, Measure.TOOLS_OFFERED_REQUESTS));
    List<Cell> cells = rows.stream()
        .map(r -> new Cell(null, r.bucket(), r.key(0).equals(TOOL_CALLS) ? TOOL_CALLS : "other", r.get(weight))).toList();
    Series share = ShareTable.build("tool_call_share", "share of traffic from requests that ended in a tool call, per bucket",
        null, "finish", cells, ctx.window());
    List<Cell> toolModels = rows.stream().filter(r -> r.key(0).equals(TOOL_CALLS))
        .map(r -> new Cell(null, null, r.key(1), r.get(weight))).toList();
    Set<String> top = TopN.keys(ShareTable.totals(toolModels), ctx.top(10));
    Series topModels = ShareTable.build("top_tool_call_models", "models' shares of tool-call traffic over the window",
        null, "model", ShareTable.collapse(toolModels, top), null);
    Map<LocalDate, double[]> offered = new TreeMap<>();
    double[] all = new double[2];
    for (AggregateRow r : rows) {
      double[] sums = offered.computeIfAbsent(r.bucket(), b -> new double[2]);
      sums[0] += r.get(Measure.TOOLS_OFFERED_REQUESTS);
      sums[1] += r.get(Measure.REQUESTS);
      all[0] += r.get(Measure.TOOLS_OFFERED_REQUESTS);
      all[1] += r.get(Measure.REQUESTS);
    }
    Series.Builder tools = Series.builder("tools_offered_share", "share of requests that defined tools, per bucket",
        Series.Layout.TABLE, "bucket", "partial", "tools_offered_requests", "requests", "share");
    offered.forEach((bucket, sums) -> tools.row(bucket.toString(), ctx.window().partial(bucket), sums[0], sums[1], sums[0] / sums[1]));
    Series window = ShareTable.build("window_tool_call_share", "share of traffic from tool-call requests over the window",
        null, "finish", ShareTable.unbucketed(cells), null);
    return ctx.result(this)
        .headline("tool-call share", window.isEmpty() ? null : window.sum("share", "finish", TOOL_CALLS), SHARE)
        .headline("requests offering tools", all[1] > 0 ? all[0] / all[1] : null, SHARE)
        .series(share)
        .series(topModels)
        .series(tools.build())
        .series(window)
        .note("Embedding requests are left out: they have no answer to measure.")
        .note("Tool call: the request finished with reason tool_calls (normalized from the provider's own reason).")
        .build();
  }
}

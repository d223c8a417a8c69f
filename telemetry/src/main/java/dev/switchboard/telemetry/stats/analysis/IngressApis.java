package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.analysis.ShareTable.Cell;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes the ingress-API analysis beyond the study: how much traffic comes in as chat
 * completions, Anthropic Messages (Claude Code, Anthropic SDKs) and OpenAI Responses (Codex), per
 * bucket and over the window, with each API's tool-offering share (agents define tools).
 */
final class IngressApis implements Analysis {
  private static final String AGENT_APIS_NOTE =
      "api: chat (/v1/chat/completions), messages (/v1/messages), responses (/v1/responses), embeddings (/v1/embeddings).";

  @Override
  public String name() {
    return "apis";
  }

  @Override
  public String description() {
    return "Requests, tokens, cost and share per ingress API (chat, messages, responses, embeddings), over the window and per bucket";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET, Param.TOKENS, Param.WEIGHT);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Measure weight = ctx.query().weight().measure();
    Set<Measure> measures =
        Set.of(Measure.REQUESTS, Measure.TOKENS, Measure.COST_USD, Measure.TOOLS_OFFERED_REQUESTS);
    List<AggregateRow> rows = ctx.bucketed(ctx.filter(), List.of(Dimension.API), measures);
    List<Cell> cells = rows.stream().map(r -> new Cell(null, r.bucket(), r.key(0), r.get(weight))).toList();
    Map<String, double[]> perApi = new TreeMap<>();
    for (AggregateRow r : rows) {
      double[] s = perApi.computeIfAbsent(r.key(0), a -> new double[4]);
      s[0] += r.get(Measure.REQUESTS);
      s[1] += r.get(Measure.TOKENS);
      s[2] += r.get(Measure.COST_USD);
      s[3] += r.get(Measure.TOOLS_OFFERED_REQUESTS);
    }
    Map<String, Double> totals = ShareTable.totals(cells);
    double all = totals.values().stream().mapToDouble(Double::doubleValue).sum();
    Series.Builder table = Series.builder("apis", "usage per ingress API over the window", Series.Layout.TABLE,
        "api", "requests", "tokens", "cost_usd", "tools_offered_share", "share");
    perApi.forEach((api, s) -> table.row(api, s[0], s[1], s[2], s[0] > 0 ? s[3] / s[0] : null,
        all > 0 ? totals.getOrDefault(api, 0.0) / all : null));
    Series shares = ShareTable.build("share_by_api", "share per ingress API per bucket", null, "api", cells, ctx.window());
    double agent = totals.getOrDefault("messages", 0.0) + totals.getOrDefault("responses", 0.0);
    return ctx.result(this)
        .headline("agent APIs' share (messages + responses)", all > 0 ? agent / all : null, SHARE)
        .series(table.build())
        .series(shares)
        .note(AGENT_APIS_NOTE)
        .build();
  }
}

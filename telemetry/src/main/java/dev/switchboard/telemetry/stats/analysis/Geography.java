package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.analysis.ShareTable.Cell;
import java.util.List;
import java.util.Set;

/**
 * Computes analysis 12: spend share by continent per bucket, and token shares by continent and by
 * country over the window, from the location configured on each API key.
 */
final class Geography implements Analysis {
  @Override
  public String name() {
    return "geography";
  }

  @Override
  public String description() {
    return "Spend share by continent per bucket; token share by continent and by country over the window";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET, Param.TOKENS, Param.INCLUDE_BYOK);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    List<AggregateRow> spend = ctx.bucketed(ctx.filter().withIncludeByok(ctx.includeByok()),
        List.of(Dimension.CONTINENT), Set.of(Measure.COST_USD));
    List<Cell> spendCells = spend.stream().map(r -> new Cell(null, r.bucket(), r.key(0), r.get(Measure.COST_USD))).toList();
    Series spendShare = ShareTable.build("spend_share_by_continent", "share of spend (USD) per continent per bucket",
        null, "continent", spendCells, ctx.window());
    Series spendWindow = ShareTable.build("window_spend_share_by_continent", "share of spend per continent over the window",
        null, "continent", ShareTable.unbucketed(spendCells), null);
    List<AggregateRow> tokens = ctx.total(ctx.filter(), List.of(Dimension.CONTINENT, Dimension.COUNTRY), Set.of(Measure.TOKENS));
    Series continents = ShareTable.build("token_share_by_continent", "share of tokens per continent over the window", null,
        "continent", tokens.stream().map(r -> new Cell(null, null, r.key(0), r.get(Measure.TOKENS))).toList(), null);
    Series countries = ShareTable.build("token_share_by_country", "share of tokens per country over the window", null,
        "country", tokens.stream().map(r -> new Cell(null, null, r.key(1), r.get(Measure.TOKENS))).toList(), null);
    return ctx.result(this)
        .headline("North America share of spend",
            spendWindow.isEmpty() ? null : spendWindow.sum("share", "continent", "North America"), SHARE)
        .headline("Asia share of spend", spendWindow.isEmpty() ? null : spendWindow.sum("share", "continent", "Asia"), SHARE)
        .series(spendShare)
        .series(continents)
        .series(countries)
        .series(spendWindow)
        .note("Location is the country configured on the API key (billing location, not IP); continent derived from it.")
        .note(ctx.includeByok() ? "Spend includes bring-your-own-key requests." : "Spend leaves out bring-your-own-key requests (include_byok=true keeps them).")
        .build();
  }
}

package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.analysis.ShareTable.Cell;
import java.util.List;
import java.util.Set;

/** Computes analysis 13: token share by language over the window and per bucket. */
final class Languages implements Analysis {
  @Override
  public String name() {
    return "languages";
  }

  @Override
  public String description() {
    return "Token share by language of the user's text over the window and per bucket";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET, Param.TOKENS, Param.WEIGHT, Param.TOP);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Measure weight = ctx.query().weight().measure();
    List<AggregateRow> rows = ctx.bucketed(ctx.filter(), List.of(Dimension.LANGUAGE), Set.of(weight));
    List<Cell> cells = rows.stream().map(r -> new Cell(null, r.bucket(), r.key(0), r.get(weight))).toList();
    Series window = ShareTable.build("share_by_language", "share per language over the window", null, "language",
        ShareTable.unbucketed(cells), null);
    Set<String> top = TopN.keys(ShareTable.totals(cells), ctx.top(10));
    Series weekly = ShareTable.build("share_by_language_over_time", "share per language per bucket (top languages and other)",
        null, "language", ShareTable.collapse(cells, top), ctx.window());
    return ctx.result(this)
        .headline("English share", window.isEmpty() ? null : window.sum("share", "language", "en"), SHARE)
        .series(window)
        .series(weekly)
        .note("Language: BCP-47-ish code of the user-authored text; und when too short or uncertain, unknown when not detected.")
        .build();
  }
}

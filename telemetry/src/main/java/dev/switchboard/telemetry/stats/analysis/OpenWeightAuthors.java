package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.TOKENS;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.analysis.ShareTable.Cell;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Computes analysis 3: tokens per author of open-weight models, over the window and cumulatively. */
final class OpenWeightAuthors implements Analysis {
  @Override
  public String name() {
    return "open-weight-authors";
  }

  @Override
  public String description() {
    return "Open-weight tokens per model author over the window, and cumulative per bucket";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET, Param.TOKENS, Param.TOP);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    List<AggregateRow> rows = ctx.bucketed(ctx.openWeightFilter(), List.of(Dimension.AUTHOR), Set.of(Measure.TOKENS));
    List<Cell> cells = rows.stream().map(r -> new Cell(null, r.bucket(), r.key(0), r.get(Measure.TOKENS))).toList();
    Map<String, Double> totals = ShareTable.totals(cells);
    Set<String> top = TopN.keys(totals, ctx.top(10));
    Series window = ShareTable.build("tokens_by_author", "open-weight tokens per author over the window", null, "author",
        ShareTable.unbucketed(cells), null);
    List<Cell> collapsed = ShareTable.collapse(cells, top);
    Series.Builder cumulative = Series.builder("cumulative_by_author",
        "open-weight tokens per author up to the end of each bucket (top authors and other)", Series.Layout.TABLE,
        "bucket", "partial", "author", "tokens", "cumulative_tokens");
    Map<String, Double> running = new HashMap<>();
    Set<LocalDate> buckets = new TreeSet<>();
    collapsed.forEach(c -> buckets.add(c.bucket()));
    Set<String> authors = new TreeSet<>();
    collapsed.forEach(c -> authors.add(c.key()));
    for (LocalDate b : buckets) {
      for (String author : authors) {
        double tokens = collapsed.stream().filter(c -> c.bucket().equals(b) && c.key().equals(author))
            .mapToDouble(Cell::value).sum();
        double sum = running.merge(author, tokens, Double::sum);
        if (sum > 0) {
          cumulative.row(b.toString(), ctx.window().partial(b), author, tokens, sum);
        }
      }
    }
    String first = top.isEmpty() ? null : top.iterator().next();
    return ctx.result(this)
        .headline("tokens of the top open-weight author", first == null ? null : totals.get(first), TOKENS, first)
        .series(window)
        .series(cumulative.build())
        .note("Open-weight traffic only; token volume T(r) = prompt + completion.")
        .build();
  }
}

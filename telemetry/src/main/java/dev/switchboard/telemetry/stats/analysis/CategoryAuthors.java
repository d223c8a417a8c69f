package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.analysis.ShareTable.Cell;
import java.util.List;
import java.util.Set;

/** Computes analysis 10: each model author's share of one category's traffic per bucket. */
final class CategoryAuthors implements Analysis {
  @Override
  public String name() {
    return "category-authors";
  }

  @Override
  public String description() {
    return "Model authors' shares of one category's tokens per bucket (category=, default Programming)";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET, Param.TOKENS, Param.WEIGHT, Param.TOP);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Measure weight = ctx.query().weight().measure();
    Filter filter = ctx.filter();
    if (filter.categories().isEmpty()) {
      filter = filter.withCategories(Set.of(Category.PROGRAMMING.label()));
    }
    List<AggregateRow> rows = ctx.bucketed(filter, List.of(Dimension.AUTHOR), Set.of(weight));
    List<Cell> cells = rows.stream().map(r -> new Cell(null, r.bucket(), r.key(0), r.get(weight))).toList();
    Set<String> top = TopN.keys(ShareTable.totals(cells), ctx.top(10));
    Series shares = ShareTable.build("share_by_author", "authors' shares of the category per bucket (top authors and other)",
        null, "author", ShareTable.collapse(cells, top), ctx.window());
    Series window = ShareTable.build("window_share_by_author", "authors' shares of the category over the window",
        null, "author", ShareTable.unbucketed(cells), null);
    String first = top.isEmpty() ? null : top.iterator().next();
    return ctx.result(this)
        .parameter("category", String.join(",", new java.util.TreeSet<>(filter.categories())))
        .headline("top author's share", first == null ? null : window.sum("share", "author", first), SHARE, first)
        .series(shares)
        .series(window)
        .note("Several categories in the filter are pooled into one.")
        .build();
  }
}

package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.analysis.ShareTable.Cell;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Computes analysis 11: the category mix of each model author's traffic per bucket. */
final class AuthorCategories implements Analysis {
  @Override
  public String name() {
    return "author-categories";
  }

  @Override
  public String description() {
    return "Category shares of each model author's tokens per bucket (author= to pick; else the top authors)";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET, Param.TOKENS, Param.WEIGHT, Param.TOP, Param.INCLUDE_OTHER);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Measure weight = ctx.query().weight().measure();
    boolean other = ctx.query().includeOther();
    List<AggregateRow> rows = ctx.bucketed(ctx.filter(), List.of(Dimension.AUTHOR, Dimension.CATEGORY), Set.of(weight));
    Map<String, Double> perAuthor = new HashMap<>();
    rows.stream().filter(r -> CategoryFilter.counts(r.key(1), other)).forEach(r -> perAuthor.merge(r.key(0), r.get(weight), Double::sum));
    Set<String> authors = TopN.keys(perAuthor, ctx.top(10));
    List<Cell> cells = rows.stream()
        .filter(r -> authors.contains(r.key(0)) && CategoryFilter.counts(r.key(1), other))
        .map(r -> new Cell(r.key(0), r.bucket(), r.key(1), r.get(weight))).toList();
    Series shares = ShareTable.build("share_by_category", "category shares of each author's traffic per bucket",
        "author", "category", cells, ctx.window());
    Series window = ShareTable.build("window_share_by_category", "category shares of each author's traffic over the window",
        "author", "category", ShareTable.unbucketed(cells), null);
    String first = authors.isEmpty() ? null : authors.iterator().next();
    String topCategory = first == null ? null : (String) window.where("author", first).get(0).get(1);
    return ctx.result(this)
        .headline("largest author's top category share",
            first == null ? null : window.sum("share", "author", first, "category", topCategory), SHARE,
            first == null ? null : first + ": " + topCategory)
        .series(shares)
        .series(window)
        .note(CategoryFilter.NOTE)
        .build();
  }
}

package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.analysis.ShareTable.Cell;
import java.util.List;
import java.util.Set;

/** Computes analysis 9: category shares of all traffic per bucket, and sub-tags within categories. */
final class Categories implements Analysis {
  @Override
  public String name() {
    return "categories";
  }

  @Override
  public String description() {
    return "Category shares of all traffic per bucket, and the sub-tag composition inside each category";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET, Param.TOKENS, Param.WEIGHT, Param.INCLUDE_OTHER);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Measure weight = ctx.query().weight().measure();
    boolean other = ctx.query().includeOther();
    // One scan by bucket, category and sub-tag: the category shares sum the sub-tags away, the
    // sub-tag composition sums the buckets away.
    List<AggregateRow> rows = ctx.bucketed(ctx.filter(), List.of(Dimension.CATEGORY, Dimension.SUB_TAG), Set.of(weight));
    List<Cell> cells = rows.stream().filter(r -> CategoryFilter.counts(r.key(0), other))
        .map(r -> new Cell(null, r.bucket(), r.key(0), r.get(weight))).toList();
    Series shares = ShareTable.build("share_by_category", "category shares per bucket", null, "category", cells, ctx.window());
    Series window = ShareTable.build("window_share_by_category", "category shares over the window", null, "category",
        ShareTable.unbucketed(cells), null);
    List<Cell> tagCells = rows.stream().filter(r -> CategoryFilter.counts(r.key(0), other))
        .map(r -> new Cell(r.key(0), null, r.key(1), r.get(weight))).toList();
    Series subTags = ShareTable.build("sub_tags", "sub-tag shares within each category over the window (none: no sub-tag)",
        "category", "sub_tag", tagCells, null);
    return ctx.result(this)
        .headline("programming share", window.isEmpty() ? null : window.sum("share", "category", Category.PROGRAMMING.label()), SHARE)
        .series(shares)
        .series(subTags)
        .series(window)
        .note(CategoryFilter.NOTE)
        .note("A request's sub-tag is the classifier's best sub-tag of its primary category.")
        .build();
  }
}

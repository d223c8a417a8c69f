package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.analysis.ShareTable.Cell;
import java.util.List;
import java.util.Set;

/** Computes the category × language analysis beyond the study: the language mix of each category. */
final class CategoryLanguages implements Analysis {
  @Override
  public String name() {
    return "category-languages";
  }

  @Override
  public String description() {
    return "Language shares within each category over the window (category x language)";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.TOKENS, Param.WEIGHT, Param.INCLUDE_OTHER);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Measure weight = ctx.query().weight().measure();
    boolean other = ctx.query().includeOther();
    List<AggregateRow> rows = ctx.total(ctx.filter(), List.of(Dimension.CATEGORY, Dimension.LANGUAGE), Set.of(weight));
    List<Cell> counted = rows.stream().filter(r -> CategoryFilter.counts(r.key(0), other))
        .map(r -> new Cell(r.key(0), null, r.key(1), r.get(weight))).toList();
    Series byCategory = ShareTable.build("language_share_by_category", "language shares within each category",
        "category", "language", counted, null);
    Series byLanguage = ShareTable.build("category_share_by_language", "category shares within each language",
        "language", "category", counted.stream().map(c -> new Cell(c.key(), null, c.group(), c.value())).toList(), null);
    double all = counted.stream().mapToDouble(Cell::value).sum();
    double english = counted.stream().filter(c -> c.key().equals("en")).mapToDouble(Cell::value).sum();
    return ctx.result(this)
        .headline("non-English share of classified traffic", all > 0 ? 1 - english / all : null, SHARE)
        .series(byCategory)
        .series(byLanguage)
        .note(CategoryFilter.NOTE)
        .build();
  }
}

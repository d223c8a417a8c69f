package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.Segment;
import dev.switchboard.telemetry.stats.analysis.ShareTable.Cell;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Computes analysis 5: category shares within open-weight and within Chinese OSS traffic per
 * bucket, and how programming traffic splits by source.
 */
final class CategoryBySource implements Analysis {
  @Override
  public String name() {
    return "category-by-source";
  }

  @Override
  public String description() {
    return "Category shares within open-weight and within Chinese OSS traffic per bucket; programming traffic by source";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET, Param.TOKENS, Param.WEIGHT, Param.INCLUDE_OTHER);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Measure weight = ctx.query().weight().measure();
    boolean other = ctx.query().includeOther();
    List<AggregateRow> rows = ctx.bucketed(ctx.filter(), List.of(Dimension.SOURCE, Dimension.CATEGORY), Set.of(weight));
    Predicate<AggregateRow> open = r -> Segment.fromLabel(r.key(0)).map(Segment::openWeight).orElse(false);
    Predicate<AggregateRow> chinese = r -> r.key(0).equals(Segment.CHINESE_OSS.label());
    Series openWeight = categories("open_weight_categories", "category shares of open-weight traffic per bucket",
        rows, open, weight, other, ctx);
    Series chineseOss = categories("chinese_oss_categories", "category shares of Chinese OSS traffic per bucket",
        rows, chinese, weight, other, ctx);
    List<Cell> programming = rows.stream().filter(r -> r.key(1).equals(Category.PROGRAMMING.label()))
        .map(r -> new Cell(null, r.bucket(), r.key(0), r.get(weight))).toList();
    Series bySource = ShareTable.build("programming_by_source", "share of programming traffic per source per bucket",
        null, "source", programming, ctx.window());
    Series openWindow = ShareTable.build("window_open_weight_categories", "category shares of open-weight traffic over the window",
        null, "category", ShareTable.unbucketed(cells(rows, open, weight, other)), null);
    Series chineseWindow = ShareTable.build("window_chinese_oss_categories", "category shares of Chinese OSS traffic over the window",
        null, "category", ShareTable.unbucketed(cells(rows, chinese, weight, other)), null);
    return ctx.result(this)
        .headline("roleplay share of open-weight traffic", share(openWindow, "Roleplay"), SHARE)
        .headline("programming + technology share of Chinese OSS traffic",
            chineseWindow.isEmpty() ? null : share(chineseWindow, "Programming") + share(chineseWindow, "Technology"), SHARE)
        .series(openWeight)
        .series(chineseOss)
        .series(bySource)
        .series(openWindow)
        .series(chineseWindow)
        .note(CategoryFilter.NOTE)
        .build();
  }

  private static Double share(Series window, String category) {
    return window.isEmpty() ? null : window.sum("share", "category", category);
  }

  private static List<Cell> cells(List<AggregateRow> rows, Predicate<AggregateRow> segment, Measure weight, boolean other) {
    return rows.stream().filter(segment).filter(r -> CategoryFilter.counts(r.key(1), other))
        .map(r -> new Cell(null, r.bucket(), r.key(1), r.get(weight))).toList();
  }

  private static Series categories(String name, String description, List<AggregateRow> rows,
      Predicate<AggregateRow> segment, Measure weight, boolean other, AnalysisContext ctx) {
    return ShareTable.build(name, description, null, "category", cells(rows, segment, weight, other), ctx.window());
  }
}

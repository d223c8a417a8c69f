package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.COUNT;
import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.analysis.ShareTable.Cell;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Computes analysis 9: category shares of all traffic per bucket, and sub-tags within categories;
 * with {@code method=judge} the shares of the judge model's labels on the judged sample, with
 * {@code method=calibrated} the local shares corrected by the judged sample's confusion ({@link
 * CategoryCalibration}).
 */
final class Categories implements Analysis {
  private static final String PROGRAMMING = Category.PROGRAMMING.label();

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
    return Set.of(Param.BUCKET, Param.TOKENS, Param.WEIGHT, Param.INCLUDE_OTHER, Param.METHOD);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    return switch (ctx.query().method()) {
      case LOCAL -> local(ctx);
      case JUDGE -> judged(ctx);
      case CALIBRATED -> calibrated(ctx);
    };
  }

  private AnalysisResult local(AnalysisContext ctx) {
    Measure weight = ctx.query().weight().measure();
    boolean other = ctx.query().includeOther();
    // One scan by bucket, category and sub-tag: the category shares sum the sub-tags away, the
    // sub-tag composition sums the buckets away.
    List<AggregateRow> rows = ctx.bucketed(ctx.filter(), List.of(Dimension.CATEGORY, Dimension.SUB_TAG), Set.of(weight));
    List<Cell> cells = rows.stream().filter(r -> CategoryFilter.counts(r.key(0), other))
        .map(r -> new Cell(null, r.bucket(), r.key(0), r.get(weight))).toList();
    Series window = windowShares(cells);
    List<Cell> tagCells = rows.stream().filter(r -> CategoryFilter.counts(r.key(0), other))
        .map(r -> new Cell(r.key(0), null, r.key(1), r.get(weight))).toList();
    Series subTags = ShareTable.build("sub_tags", "sub-tag shares within each category over the window (none: no sub-tag)",
        "category", "sub_tag", tagCells, null);
    return ctx.result(this)
        .headline("programming share", window.isEmpty() ? null : window.sum("share", "category", PROGRAMMING), SHARE)
        .series(bucketShares(cells, ctx))
        .series(subTags)
        .series(window)
        .note(CategoryFilter.NOTE)
        .note("A request's sub-tag is the classifier's best sub-tag of its primary category.")
        .build();
  }

  private AnalysisResult judged(AnalysisContext ctx) {
    Measure weight = ctx.query().weight().measure();
    boolean other = ctx.query().includeOther();
    List<AggregateRow> rows = ctx.bucketed(ctx.filter(), List.of(Dimension.JUDGE_CATEGORY), EnumSet.of(weight, Measure.REQUESTS));
    List<AggregateRow> judgedRows = rows.stream()
        .filter(r -> !r.key(0).equals(Dimension.UNJUDGED) && CategoryFilter.counts(r.key(0), other)).toList();
    List<Cell> cells = judgedRows.stream().map(r -> new Cell(null, r.bucket(), r.key(0), r.get(weight))).toList();
    double judged = rows.stream().filter(r -> !r.key(0).equals(Dimension.UNJUDGED)).mapToDouble(r -> r.get(Measure.REQUESTS)).sum();
    Series window = windowShares(cells);
    return ctx.result(this)
        .headline("programming share", window.isEmpty() ? null : window.sum("share", "category", PROGRAMMING), SHARE)
        .headline("judged requests", judged, COUNT)
        .summary("judged_requests", (long) judged)
        .series(bucketShares(cells, ctx))
        .series(window)
        .note(CategoryFilter.NOTE)
        .note("Labels from the judge model (classifier.judge), on the judged sample only; a category filter applies to"
            + " the local label.")
        .build();
  }

  private AnalysisResult calibrated(AnalysisContext ctx) {
    Measure weight = ctx.query().weight().measure();
    boolean other = ctx.query().includeOther();
    Map<String, Double> local = new LinkedHashMap<>();
    for (AggregateRow r : ctx.total(ctx.filter(), List.of(Dimension.CATEGORY), Set.of(weight))) {
      if (CategoryFilter.counts(r.key(0), true)) {
        local.merge(r.key(0), r.get(weight), Double::sum);
      }
    }
    Map<String, Map<String, Long>> confusion = new HashMap<>();
    for (AggregateRow r : ctx.total(ctx.filter(), List.of(Dimension.CATEGORY, Dimension.JUDGE_CATEGORY), Set.of(Measure.REQUESTS))) {
      if (CategoryFilter.counts(r.key(0), true) && !r.key(1).equals(Dimension.UNJUDGED)) {
        confusion.computeIfAbsent(r.key(0), k -> new HashMap<>()).merge(r.key(1), (long) r.get(Measure.REQUESTS), Long::sum);
      }
    }
    CategoryCalibration.Result result = CategoryCalibration.calibrate(local, confusion);
    // Other is calibrated with the rest (the judge moves requests in and out of it), then left out
    // of the denominator unless asked for, as in the local shares.
    double kept = result.shares().stream().filter(s -> CategoryFilter.counts(s.category(), other))
        .mapToDouble(CategoryCalibration.Share::calibrated).sum();
    double keptLocal = result.shares().stream().filter(s -> CategoryFilter.counts(s.category(), other))
        .mapToDouble(CategoryCalibration.Share::local).sum();
    Series.Builder table = Series.builder("calibrated_share_by_category",
        "category shares over the window: local, calibrated, and the calibrated share's 95% interval",
        Series.Layout.TABLE, "category", "local_share", "share", "ci_low", "ci_high");
    Double programming = null;
    String programmingInterval = null;
    for (CategoryCalibration.Share s : result.shares()) {
      if (!CategoryFilter.counts(s.category(), other) || kept <= 0) {
        continue;
      }
      double share = s.calibrated() / kept;
      table.row(s.category(), keptLocal <= 0 ? 0.0 : s.local() / keptLocal, share, s.low() / kept, Math.min(1, s.high() / kept));
      if (s.category().equals(PROGRAMMING)) {
        programming = share;
        programmingInterval = String.format(Locale.ROOT, "95%% interval %.3f-%.3f from %d judged requests",
            s.low() / kept, Math.min(1, s.high() / kept), result.judged());
      }
    }
    return ctx.result(this)
        .headline("programming share", programming, SHARE, programmingInterval)
        .headline("judged requests", (double) result.judged(), COUNT)
        .summary("judged_requests", result.judged())
        .series(table.build())
        .note(CategoryFilter.NOTE)
        .note("Calibrated: each local category's share is split the way the judge split the judged requests the"
            + " classifier put in it; a category with no judged request keeps its local share. Intervals treat the"
            + " local shares as exact and each split as a sample of its judged requests; with weight=tokens or cost"
            + " the splits are still those of requests.")
        .build();
  }

  private static Series bucketShares(List<Cell> cells, AnalysisContext ctx) {
    return ShareTable.build("share_by_category", "category shares per bucket", null, "category", cells, ctx.window());
  }

  private static Series windowShares(List<Cell> cells) {
    return ShareTable.build("window_share_by_category", "category shares over the window", null, "category",
        ShareTable.unbucketed(cells), null);
  }
}

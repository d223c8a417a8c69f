package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.NUMBER;
import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.TOKENS;

import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Computes analysis 8: mean prompt, completion and total tokens per request per bucket, the mean
 * prompt per category, and programming against all traffic.
 */
final class Lengths implements Analysis {
  private static final Set<Measure> MEASURES =
      Set.of(Measure.REPORTED_REQUESTS, Measure.PROMPT_TOKENS, Measure.COMPLETION_TOKENS, Measure.TOKENS);

  @Override
  public String name() {
    return "lengths";
  }

  @Override
  public String description() {
    return "Mean prompt, completion and total tokens per request per bucket; mean prompt per category; programming vs all";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.BUCKET, Param.TOKENS);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    List<AggregateRow> rows = ctx.bucketed(ctx.filter().chatOnly(), List.of(Dimension.CATEGORY), MEASURES);
    String programming = Category.PROGRAMMING.label();
    Map<LocalDate, double[]> all = perBucket(rows, r -> true);
    Map<LocalDate, double[]> prog = perBucket(rows, r -> r.key(0).equals(programming));
    Series.Builder means = Series.builder("mean_lengths", "mean tokens per request with reported usage, per bucket",
        Series.Layout.TABLE, "bucket", "partial", "requests", "mean_prompt", "mean_completion", "mean_total");
    all.forEach((b, s) -> means.row(b.toString(), ctx.window().partial(b), s[0], s[1] / s[0], s[2] / s[0], s[3] / s[0]));
    Series.Builder versus = Series.builder("programming_vs_all", "mean prompt tokens of programming requests against all, per bucket",
        Series.Layout.TABLE, "bucket", "partial", "programming_requests", "programming_mean_prompt", "all_mean_prompt", "ratio");
    all.forEach((b, s) -> {
      double[] p = prog.get(b);
      if (p != null) {
        double pm = p[1] / p[0];
        double am = s[1] / s[0];
        versus.row(b.toString(), ctx.window().partial(b), p[0], pm, am, pm / am);
      }
    });
    Map<String, double[]> byCategory = new TreeMap<>();
    double[] total = new double[4];
    double[] totalProgramming = new double[4];
    for (AggregateRow r : rows) {
      add(byCategory.computeIfAbsent(r.key(0), k -> new double[4]), r);
      add(total, r);
      if (r.key(0).equals(programming)) {
        add(totalProgramming, r);
      }
    }
    Series.Builder categories = Series.builder("prompt_by_category", "mean tokens per request by category over the window",
        Series.Layout.TABLE, "category", "requests", "mean_prompt", "mean_completion", "mean_total");
    byCategory.entrySet().stream().filter(e -> e.getValue()[0] > 0)
        .sorted((a, b) -> Double.compare(b.getValue()[1] / b.getValue()[0], a.getValue()[1] / a.getValue()[0]))
        .forEach(e -> categories.row(e.getKey(), e.getValue()[0], e.getValue()[1] / e.getValue()[0],
            e.getValue()[2] / e.getValue()[0], e.getValue()[3] / e.getValue()[0]));
    Double meanPrompt = total[0] > 0 ? total[1] / total[0] : null;
    Double ratio = meanPrompt != null && meanPrompt > 0 && totalProgramming[0] > 0
        ? (totalProgramming[1] / totalProgramming[0]) / meanPrompt : null;
    return ctx.result(this)
        .headline("mean prompt tokens per request", meanPrompt, TOKENS)
        .headline("mean completion tokens per request", total[0] > 0 ? total[2] / total[0] : null, TOKENS)
        .headline("programming prompt length / all", ratio, NUMBER)
        .series(means.build())
        .series(categories.build())
        .series(versus.build())
        .note("Embedding requests are left out: they have no answer to measure.")
        .note("Means are per request, over requests with reported token usage (a reported 0 counts; unreported does not).")
        .build();
  }

  private static Map<LocalDate, double[]> perBucket(List<AggregateRow> rows, Predicate<AggregateRow> keep) {
    Map<LocalDate, double[]> sums = new TreeMap<>();
    for (AggregateRow r : rows) {
      if (keep.test(r)) {
        add(sums.computeIfAbsent(r.bucket(), b -> new double[4]), r);
      }
    }
    sums.values().removeIf(s -> s[0] <= 0);
    return sums;
  }

  private static void add(double[] sums, AggregateRow r) {
    sums[0] += r.get(Measure.REPORTED_REQUESTS);
    sums[1] += r.get(Measure.PROMPT_TOKENS);
    sums[2] += r.get(Measure.COMPLETION_TOKENS);
    sums[3] += r.get(Measure.TOKENS);
  }
}

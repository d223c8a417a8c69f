package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.COUNT;
import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;

import dev.switchboard.telemetry.stats.Bucket;
import dev.switchboard.telemetry.stats.CohortRow;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes analysis 14: per model, monthly cohorts of end users by first request and the share of
 * each cohort active k months later, R(c, k), with foundational-cohort and boomerang flags.
 */
final class Retention implements Analysis {
  @Override
  public String name() {
    return "retention";
  }

  @Override
  public String description() {
    return "Per model: monthly cohorts of end users by first request, R(c,k) = share active k months later; foundational and boomerang flags";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.TOP, Param.MIN_USERS);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    StatsWindow w = ctx.window();
    List<CohortRow> rows = List.of();
    YearMonth lastMonth = null;
    if (!w.isEmpty()) {
      // Cohorts are whole months: the window's first month counts from its first day.
      LocalDate first = w.from().atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
      rows = ctx.source().cohorts(first.atStartOfDay().toInstant(ZoneOffset.UTC), w.to(), ctx.filter());
      // Months after the last activity of any cohort are beyond the data, not months of churn.
      lastMonth = rows.stream().map(CohortRow::active).max(YearMonth::compareTo).orElse(null);
    }
    int minUsers = ctx.query().minUsers().orElse(20);
    Map<String, Map<YearMonth, Map<YearMonth, Long>>> byModel = new TreeMap<>();
    Map<String, Double> modelUsers = new HashMap<>();
    for (CohortRow r : rows) {
      byModel.computeIfAbsent(r.model(), m -> new TreeMap<>()).computeIfAbsent(r.cohort(), c -> new TreeMap<>())
          .put(r.active(), r.users());
      if (r.active().equals(r.cohort())) {
        modelUsers.merge(r.model(), (double) r.users(), Double::sum);
      }
    }
    Set<String> models = TopN.keys(modelUsers, ctx.top(10));
    Series.Builder retention = Series.builder("retention", "R(c,k): share of cohort c active in month c+k",
        Series.Layout.TABLE, "model", "cohort", "k", "month", "partial", "cohort_users", "active_users", "retention");
    Series.Builder cohorts = Series.builder("cohorts", "one row per cohort with its flags", Series.Layout.TABLE,
        "model", "cohort", "users", "months_observed", "r1", "r3", "mean_r3_5", "foundational", "boomerang");
    double month1Active = 0;
    double month1Users = 0;
    int foundationalCount = 0;
    for (String model : models) {
      Map<YearMonth, Map<YearMonth, Long>> modelCohorts = byModel.get(model);
      Map<YearMonth, List<Double>> curves = new TreeMap<>();
      Map<YearMonth, Long> sizes = new HashMap<>();
      for (Map.Entry<YearMonth, Map<YearMonth, Long>> c : modelCohorts.entrySet()) {
        long size = c.getValue().getOrDefault(c.getKey(), 0L);
        if (size == 0) {
          continue;
        }
        sizes.put(c.getKey(), size);
        List<Double> curve = new ArrayList<>();
        int months = (int) ChronoUnit.MONTHS.between(c.getKey(), lastMonth);
        for (int k = 0; k <= months; k++) {
          YearMonth month = c.getKey().plusMonths(k);
          long active = c.getValue().getOrDefault(month, 0L);
          curve.add((double) active / size);
          boolean partial = w.partial(month.atDay(1), Bucket.MONTH);
          retention.row(model, c.getKey().toString(), (long) k, month.toString(), partial, size, active, (double) active / size);
          if (k == 1 && !partial) {
            month1Active += active;
            month1Users += size;
          }
        }
        curves.put(c.getKey(), curve);
      }
      List<YearMonth> order = new ArrayList<>(curves.keySet());
      for (int i = 0; i < order.size(); i++) {
        YearMonth c = order.get(i);
        List<Double> curve = curves.get(c);
        Double mean = CohortFlags.meanMonths3To5(curve);
        double laterSum = 0;
        int laterCount = 0;
        for (YearMonth later : order.subList(i + 1, order.size())) {
          Double m = sizes.get(later) >= minUsers ? CohortFlags.meanMonths3To5(curves.get(later)) : null;
          if (m != null) {
            laterSum += m;
            laterCount++;
          }
        }
        boolean eligible = sizes.get(c) >= minUsers;
        boolean foundational = eligible && CohortFlags.foundational(mean, laterCount == 0 ? null : laterSum / laterCount);
        boolean boomerang = eligible && CohortFlags.boomerang(curve);
        foundationalCount += foundational ? 1 : 0;
        cohorts.row(model, c.toString(), sizes.get(c), (long) curve.size(),
            curve.size() > 1 ? curve.get(1) : null, curve.size() > 3 ? curve.get(3) : null, mean, foundational, boomerang);
      }
    }
    return ctx.result(this)
        .parameter("min_users", minUsers)
        .headline("month-1 retention (all complete cohorts)", month1Users > 0 ? month1Active / month1Users : null, SHARE)
        .headline("foundational cohorts", rows.isEmpty() ? null : (double) foundationalCount, COUNT)
        .series(cohorts.build())
        .series(retention.build())
        .note("End user: the request's user field, else its API key, within one key; requests refused before routing do not count.")
        .note("Returning after a gap counts as active. Cohorts are calendar months (UTC); the window's first month counts whole;"
            + " months run up to the last month with any activity.")
        .note("Foundational: mean R(3..5) >= " + CohortFlags.FOUNDATIONAL_RATIO + "x and >= "
            + CohortFlags.FOUNDATIONAL_MARGIN + " above the mean of later cohorts observed to month 3; boomerang: R(k) rises >= "
            + CohortFlags.BOOMERANG_RISE + " above its lowest earlier value (k >= 1). Cohorts under min_users are not flagged.")
        .build();
  }

}

package dev.switchboard.telemetry.stats.analysis;

import java.util.List;

/**
 * Flags retention curves R(k), k = 0, 1, ...: a foundational cohort keeps clearly more of its users
 * at months 3-5 than the cohorts after it; a boomerang cohort's retention rises again after falling.
 */
final class CohortFlags {
  /** A foundational cohort's mean R(3..5) is at least this multiple of its successors' mean... */
  static final double FOUNDATIONAL_RATIO = 1.5;
  /** ...and at least this many points (absolute share) above it. */
  static final double FOUNDATIONAL_MARGIN = 0.10;
  /** A boomerang rises at least this many points (absolute share) above its lowest earlier R(k), k >= 1. */
  static final double BOOMERANG_RISE = 0.05;

  private CohortFlags() {}

  /** Returns the mean of R(3), R(4), R(5) as far as observed, or null before month 3. */
  static Double meanMonths3To5(List<Double> curve) {
    if (curve.size() <= 3) {
      return null;
    }
    double sum = 0;
    int n = 0;
    for (int k = 3; k <= 5 && k < curve.size(); k++) {
      sum += curve.get(k);
      n++;
    }
    return sum / n;
  }

  /** Returns whether {@code mean} (a cohort's R(3..5)) stands clearly above {@code later} (its successors' mean). */
  static boolean foundational(Double mean, Double later) {
    if (mean == null || later == null) {
      return false;
    }
    return mean >= FOUNDATIONAL_RATIO * later && mean - later >= FOUNDATIONAL_MARGIN;
  }

  /** Returns whether the curve rises by {@link #BOOMERANG_RISE} above its minimum over earlier months (k >= 1). */
  static boolean boomerang(List<Double> curve) {
    double lowest = Double.MAX_VALUE;
    for (int k = 1; k < curve.size(); k++) {
      if (curve.get(k) - lowest >= BOOMERANG_RISE - 1e-12) {
        return true;
      }
      lowest = Math.min(lowest, curve.get(k));
    }
    return false;
  }
}

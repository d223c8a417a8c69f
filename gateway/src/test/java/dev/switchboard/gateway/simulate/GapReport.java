package dev.switchboard.gateway.simulate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects comparisons of reported statistics with the ground truth: every one names the analysis,
 * the bucket or key, the expected and the reported value and the tolerance; keeps the largest gap
 * per analysis for the report and every comparison out of tolerance for the failure message.
 */
final class GapReport {
  /** The tolerance for shares: half a percentage point. */
  static final double SHARE = 0.005;

  /** Holds one comparison. */
  record Gap(String analysis, String where, double expected, double actual, double tolerance, boolean relative) {
    double size() {
      double diff = Math.abs(actual - expected);
      return relative ? diff / Math.max(Math.abs(expected), 1e-12) : diff;
    }

    boolean ok() {
      return Double.isFinite(actual) && size() <= tolerance + 1e-12;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s %s: expected %.6g, reported %.6g (gap %.4g%s, tolerance %.4g)",
          analysis, where, expected, actual, size(), relative ? " relative" : "", tolerance);
    }
  }

  private final List<Gap> failures = new ArrayList<>();
  private final List<Gap> detailed = new ArrayList<>();
  private final Map<String, Gap> largest = new LinkedHashMap<>();
  private final Map<String, Integer> counts = new LinkedHashMap<>();

  /** Compares a share within {@link #SHARE}. */
  void share(String analysis, String where, double expected, double actual) {
    add(new Gap(analysis, where, expected, actual, SHARE, false));
  }

  /** Compares within an absolute tolerance. */
  void within(String analysis, String where, double expected, double actual, double tolerance) {
    add(new Gap(analysis, where, expected, actual, tolerance, false));
  }

  /** Compares within a relative tolerance (0.01 is 1%). */
  void relative(String analysis, String where, double expected, double actual, double tolerance) {
    add(new Gap(analysis, where, expected, actual, tolerance, true));
  }

  /** Compares counts or token sums, which must be equal. */
  void exact(String analysis, String where, double expected, double actual) {
    add(new Gap(analysis, where, expected, actual, 1e-9, true));
  }

  /** Records that a row was expected but not reported, or reported but not expected. */
  void missing(String analysis, String where, String what) {
    add(new Gap(analysis, where + " (" + what + ")", 0, Double.NaN, 0, false));
  }

  /** Compares within {@code tolerance} and lists the comparison in the report by itself. */
  void reported(String analysis, String where, double expected, double actual, double tolerance) {
    Gap gap = new Gap(analysis, where, expected, actual, tolerance, false);
    detailed.add(gap);
    add(gap);
  }

  private void add(Gap gap) {
    counts.merge(gap.analysis(), 1, Integer::sum);
    if (!gap.ok()) {
      failures.add(gap);
    }
    Gap known = largest.get(gap.analysis());
    if (known == null || (Double.isFinite(gap.size()) && gap.size() > known.size()) || !gap.ok()) {
      largest.put(gap.analysis(), gap);
    }
  }

  List<Gap> failures() {
    return failures;
  }

  /** Returns one line per analysis: comparisons made and the largest gap. */
  String summary() {
    StringBuilder text = new StringBuilder();
    largest.forEach((analysis, gap) -> text.append(gap.size() == 0
        ? String.format(Locale.ROOT, "%-34s %6d comparisons, no gap%n", analysis, counts.get(analysis))
        : String.format(Locale.ROOT, "%-34s %6d comparisons, largest gap %.3g%s at %s%n",
            analysis, counts.get(analysis), gap.size(), gap.relative() ? " (relative)" : "", gap.where())));
    detailed.forEach(g -> text.append(String.format(Locale.ROOT, "  %-22s %-40s intended %.4f, reported %.4f, gap %+.4f (allowed %.4f)%n",
        g.analysis(), g.where(), g.expected(), g.actual(), g.actual() - g.expected(), g.tolerance())));
    return text.toString();
  }
}

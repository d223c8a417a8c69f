package dev.switchboard.telemetry.stats;

import java.util.Map;
import java.util.TreeMap;

/**
 * Defines the logarithmic bins of latency-like histograms: bin b holds values in [1.02^b, 1.02^(b+1)),
 * so any quantile read from the bins is within 1% of the exact one; values &lt;= 0 go to {@link
 * #ZERO}. Histograms add up across groups and buckets, which quantiles themselves do not.
 */
public final class LogBins {
  /** Growth factor between bin edges. */
  public static final double BASE = 1.02;
  /** The bin of values &lt;= 0. */
  public static final int ZERO = -100_000;

  private LogBins() {}

  /** Returns the bin of {@code value} (stores compute the same in their own language). */
  public static int bin(double value) {
    return value <= 0 ? ZERO : (int) Math.floor(Math.log(value) / Math.log(BASE));
  }

  /** Returns the value standing for a bin: its geometric middle, 0 for {@link #ZERO}. */
  public static double value(int bin) {
    return bin == ZERO ? 0 : Math.pow(BASE, bin + 0.5);
  }

  /**
   * Returns the {@code p}-quantile (nearest rank: the smallest value with at least p·n values at or
   * below it) of the histogram bin → count; NaN when it is empty.
   */
  public static double quantile(Map<Integer, Long> histogram, double p) {
    TreeMap<Integer, Long> sorted = new TreeMap<>(histogram);
    long n = sorted.values().stream().mapToLong(Long::longValue).sum();
    if (n == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(p * n));
    long seen = 0;
    for (Map.Entry<Integer, Long> e : sorted.entrySet()) {
      seen += e.getValue();
      if (seen >= rank) {
        return value(e.getKey());
      }
    }
    return value(sorted.lastKey());
  }
}

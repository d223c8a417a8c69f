package dev.switchboard.telemetry.stats.analysis;

import java.util.Map;

/**
 * Measures how concentrated a distribution is: the largest entry and its share, the
 * Herfindahl-Hirschman index (sum of squared shares, in [0, 1]) and how many entries hold more than
 * 5%.
 */
record Concentration(int entries, String largest, double largestShare, double hhi, int above5Percent) {

  /** Computes the concentration of positive {@code values}; null when their sum is not positive. */
  static Concentration of(Map<String, Double> values) {
    double total = values.values().stream().filter(v -> v > 0).mapToDouble(Double::doubleValue).sum();
    if (total <= 0) {
      return null;
    }
    String largest = null;
    double largestShare = 0;
    double hhi = 0;
    int entries = 0;
    int above = 0;
    for (Map.Entry<String, Double> e : values.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      if (e.getValue() <= 0) {
        continue;
      }
      double share = e.getValue() / total;
      entries++;
      hhi += share * share;
      if (share > 0.05) {
        above++;
      }
      if (share > largestShare) {
        largestShare = share;
        largest = e.getKey();
      }
    }
    return new Concentration(entries, largest, largestShare, hhi, above);
  }
}

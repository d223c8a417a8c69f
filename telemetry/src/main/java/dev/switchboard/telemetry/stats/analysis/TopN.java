package dev.switchboard.telemetry.stats.analysis;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Picks the largest entries of a map; everything else is shown as {@link #OTHER}. */
final class TopN {
  static final String OTHER = "other";

  private TopN() {}

  /** Returns the {@code n} keys with the largest values (ties by name), largest first. */
  static Set<String> keys(Map<String, Double> totals, int n) {
    Set<String> top = new LinkedHashSet<>();
    totals.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .forEach(e -> top.add(e.getKey()));
    return top;
  }
}

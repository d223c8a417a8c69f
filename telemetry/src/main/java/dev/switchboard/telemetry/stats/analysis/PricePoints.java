package dev.switchboard.telemetry.stats.analysis;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Measure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Turns aggregates into (usage, effective price) points: price = cost / T(r) × 1e6 over requests
 * with a positive cost, so free and unpriced requests do not pull prices to zero.
 */
final class PricePoints {
  static final Set<Measure> MEASURES =
      Set.of(Measure.REQUESTS, Measure.TOKENS, Measure.PRICED_COST_USD, Measure.PRICED_TOKENS);

  private PricePoints() {}

  /** Holds one point; {@code price} is USD per 1M tokens. */
  record Point(String name, double requests, double tokens, double pricedTokens, double cost, double price) {}

  /** Returns the points of rows (key 0 is the name) that have both usage and a price. */
  static List<Point> of(List<AggregateRow> rows) {
    List<Point> points = new ArrayList<>();
    for (AggregateRow r : rows) {
      double priced = r.get(Measure.PRICED_TOKENS);
      if (priced > 0 && r.get(Measure.TOKENS) > 0) {
        double cost = r.get(Measure.PRICED_COST_USD);
        points.add(new Point(r.key(0), r.get(Measure.REQUESTS), r.get(Measure.TOKENS), priced, cost, cost / priced * 1e6));
      }
    }
    return points;
  }

  /** Sums rows by their {@code keyIndex}-th key into rows keyed by it alone. */
  static List<AggregateRow> sumBy(List<AggregateRow> rows, int keyIndex) {
    java.util.Map<String, java.util.Map<Measure, Double>> sums = new java.util.TreeMap<>();
    for (AggregateRow r : rows) {
      java.util.Map<Measure, Double> s = sums.computeIfAbsent(r.key(keyIndex), k -> new java.util.EnumMap<>(Measure.class));
      MEASURES.forEach(m -> s.merge(m, r.get(m), Double::sum));
    }
    List<AggregateRow> out = new ArrayList<>();
    sums.forEach((k, v) -> out.add(new AggregateRow(null, List.of(k), v)));
    return out;
  }

  /** Returns the median of the values (mean of the middle two for an even count); null when empty. */
  static Double median(double[] values) {
    if (values.length == 0) {
      return null;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /**
   * Names the quadrant of a point against the median price and median usage: premium (high price,
   * high usage), mass_market (low price, high usage), specialized (high price, low usage), niche.
   * A value equal to its median counts as high.
   */
  static String quadrant(Point p, double medianPrice, double medianTokens) {
    boolean pricey = p.price() >= medianPrice;
    boolean used = p.tokens() >= medianTokens;
    if (pricey) {
      return used ? "premium" : "specialized";
    }
    return used ? "mass_market" : "niche";
  }
}

package dev.switchboard.telemetry.stats;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Holds one group of an aggregate: its bucket start (null without buckets), its dimension values in
 * query order, and its measures (0 for measures not asked for).
 */
public record AggregateRow(LocalDate bucket, List<String> keys, Map<Measure, Double> values) {

  public AggregateRow {
    keys = List.copyOf(keys);
    values = Map.copyOf(values);
  }

  /** Returns the value of a measure; 0 when it was not computed. */
  public double get(Measure measure) {
    Double v = values.get(measure);
    return v == null ? 0.0 : v;
  }

  /** Returns the {@code index}-th dimension value. */
  public String key(int index) {
    return keys.get(index);
  }
}

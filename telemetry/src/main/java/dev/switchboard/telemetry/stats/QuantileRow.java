package dev.switchboard.telemetry.stats;

import java.time.LocalDate;
import java.util.List;

/**
 * Holds the quantiles of one group: bucket (null without buckets), dimension values, the number of
 * requests measured and one value per asked probability, in order.
 */
public record QuantileRow(LocalDate bucket, List<String> keys, long count, List<Double> quantiles) {
  public QuantileRow {
    keys = List.copyOf(keys);
    quantiles = List.copyOf(quantiles);
  }
}

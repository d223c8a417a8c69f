package dev.switchboard.telemetry.stats;

import java.time.LocalDate;
import java.util.List;

/**
 * Counts the requests of one group whose {@code metric} fell in log bin {@code bin} (see {@link
 * LogBins}); {@code bucket} is null without time buckets.
 */
public record HistogramRow(LocalDate bucket, List<String> keys, QuantileMetric metric, int bin, long count) {
  public HistogramRow {
    keys = List.copyOf(keys);
  }
}

package dev.switchboard.telemetry.stats.analysis;

import dev.switchboard.telemetry.stats.Bucket;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Holds the resolved time window {@code [from, to)} of a result and its bucket; an empty window
 * ({@code from == to}) has no data and gives empty series.
 */
public record StatsWindow(Instant from, Instant to, Bucket bucket) {

  /** Returns whether the window holds no time at all. */
  public boolean isEmpty() {
    return !from.isBefore(to);
  }

  /** Returns whether the bucket starting on {@code start} is cut by the window's edges. */
  public boolean partial(LocalDate start) {
    return partial(start, bucket);
  }

  /** Returns whether the {@code size} bucket starting on {@code start} is cut by the window's edges. */
  public boolean partial(LocalDate start, Bucket size) {
    Instant bucketStart = start.atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant bucketEnd = size.next(start).atStartOfDay().toInstant(ZoneOffset.UTC);
    return from.isAfter(bucketStart) || to.isBefore(bucketEnd);
  }
}

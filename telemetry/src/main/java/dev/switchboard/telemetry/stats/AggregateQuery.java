package dev.switchboard.telemetry.stats;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Asks for the {@code measures} of the records with {@code from <= timestamp < to} matching
 * {@code filter}, grouped by time bucket (none: one group for the window) and {@code dimensions}.
 */
public record AggregateQuery(
    Instant from,
    Instant to,
    Bucket bucket,
    List<Dimension> dimensions,
    Set<Measure> measures,
    Filter filter,
    TokenMode tokens) {

  public AggregateQuery {
    dimensions = List.copyOf(dimensions);
    measures = Set.copyOf(measures);
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
  }
}

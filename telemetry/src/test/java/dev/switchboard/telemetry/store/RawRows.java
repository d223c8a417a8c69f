package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.stats.AggregateSource;

/** Gives benchmarks outside this package the DuckDB source that never reads the daily rollups. */
public final class RawRows {
  private RawRows() {}

  /** Returns {@code store}'s raw-rows-only source if it is a DuckDB store, else its usual one. */
  public static AggregateSource of(UsageStore store) {
    return store instanceof DuckDbUsageStore duck ? DuckDbAggregateSource.rawRowsOnly(duck) : store.aggregates();
  }
}

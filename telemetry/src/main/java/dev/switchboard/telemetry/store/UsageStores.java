package dev.switchboard.telemetry.store;

import dev.switchboard.config.TelemetryConfig;

/**
 * Opens the store {@code telemetry.store} names: a DuckDB file (the default) or a ClickHouse
 * server. The one place store kinds are switched on; callers see {@link UsageStore} and {@link
 * StateDatabase} only.
 */
public final class UsageStores {
  private UsageStores() {}

  /** Opens the usage store alone (report and generate commands, benchmarks). */
  public static UsageStore openUsage(TelemetryConfig config) {
    if (config.clickhouse() == null) {
      return DuckDbUsageStore.open(config.store());
    }
    String password = config.clickhouse().password().resolve().orElse(null);
    return ClickHouseUsageStore.open(config.clickhouse(), password);
  }

  /**
   * Opens the usage store and the local state database: with DuckDB one file serves both, with
   * ClickHouse the state lives in the DuckDB file {@code telemetry.state_file}.
   */
  public static Opened open(TelemetryConfig config) {
    if (config.clickhouse() == null) {
      DuckDbUsageStore store = DuckDbUsageStore.open(config.store());
      return new Opened(store, store, store);
    }
    UsageStore usage = openUsage(config);
    try {
      DuckDbUsageStore state = DuckDbUsageStore.open(config.stateFile());
      return new Opened(usage, state, state);
    } catch (RuntimeException e) {
      usage.close();
      throw e;
    }
  }

  /**
   * Holds an opened usage store and state database; {@link #close} closes both.
   *
   * @param stateOwner what to close for the state database (the usage store itself when shared)
   */
  public record Opened(UsageStore usage, StateDatabase state, AutoCloseable stateOwner) implements AutoCloseable {
    @Override
    public void close() {
      UsageStoreException failure = null;
      try {
        usage.close();
      } catch (RuntimeException e) {
        failure = new UsageStoreException("cannot close usage store", e);
      }
      if (stateOwner != usage) {
        try {
          stateOwner.close();
        } catch (Exception e) {
          if (failure == null) {
            failure = new UsageStoreException("cannot close state database", e);
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }
}

package dev.switchboard.telemetry;

/** Accepts usage records without ever blocking or throwing into the caller. */
public interface UsageSink {

  /** Hands over a record; returns at once, whatever happens to it later. */
  void accept(UsageRecord record);

  /** Returns a sink that drops everything. */
  static UsageSink noop() {
    return record -> {};
  }
}

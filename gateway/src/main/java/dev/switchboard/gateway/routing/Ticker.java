package dev.switchboard.gateway.routing;

/** Reads a monotonic time in nanoseconds; injectable so tests can move time by hand. */
@FunctionalInterface
public interface Ticker {

  /** Returns the current time in nanoseconds from an arbitrary origin. */
  long nanos();

  /** Returns the system's monotonic clock. */
  static Ticker system() {
    return System::nanoTime;
  }
}

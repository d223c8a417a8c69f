package dev.switchboard.gateway.limits;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks one shared store's failures for the callers that fall back from it: after an error the
 * store is left alone for {@link #PAUSE_AFTER_ERROR} (an outage costs one timeout, not one per
 * request), every call decided without it is counted, and a warning is logged at most once a minute.
 */
final class SharedStoreHealth {
  static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(SharedStoreHealth.class);
  private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

  private final String what;
  private final boolean failClosed;
  private final LongSupplier nanos;
  private final AtomicLong pausedUntil;
  private final AtomicLong nextWarning;
  private final LongAdder fallbacks = new LongAdder();

  /** @param what names the shared state in the warning, e.g. {@code shared rate limits} */
  SharedStoreHealth(String what, boolean failClosed, LongSupplier nanos) {
    this.what = what;
    this.failClosed = failClosed;
    this.nanos = nanos;
    this.pausedUntil = new AtomicLong(nanos.getAsLong());
    this.nextWarning = new AtomicLong(nanos.getAsLong());
  }

  /** Returns whether the store is being left alone after a recent error. */
  boolean paused() {
    return nanos.getAsLong() - pausedUntil.get() < 0;
  }

  /** Returns whether calls are refused (rather than decided locally) while the store is away. */
  boolean failClosed() {
    return failClosed;
  }

  /** Counts one call decided without the store. */
  void fellBack() {
    fallbacks.increment();
  }

  /** Counts a failed call, pauses the store and warns if the last warning is a minute old. */
  void failed(Throwable cause) {
    fallbacks.increment();
    long now = nanos.getAsLong();
    pausedUntil.set(now + PAUSE_AFTER_ERROR.toNanos());
    long due = nextWarning.get();
    if (now - due >= 0 && nextWarning.compareAndSet(due, now + WARN_EVERY_NANOS)) {
      LOG.warn("{} unavailable, {}; {} fallbacks so far: {}", what,
          failClosed ? "refusing with 503 (fail closed)" : "deciding in this process (fail open)",
          fallbacks.sum(), cause.toString());
    }
  }

  /** Returns the error a closed store's callers fail with. */
  SharedStoreUnavailable unavailable() {
    return new SharedStoreUnavailable(what);
  }

  long fallbacks() {
    return fallbacks.sum();
  }
}

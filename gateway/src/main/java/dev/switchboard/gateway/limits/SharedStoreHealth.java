package dev.switchboard.gateway.limits;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks one shared store's failures for the callers that fall back from it: after an error the
 * store is left alone for {@link #PAUSE_AFTER_ERROR} (an outage costs one timeout, not one per
 * request), every call decided without it is counted, and a warning is logged at most once a minute.
 *
 * <p>A timeout while the store still answers other calls ({@code answering}) is this process being
 * slow (event loops saturated), not the store being away: that call alone is decided without the
 * store and the store is not left alone, or a saturated gateway would decide every request of the
 * next second alone, its limits no longer shared exactly when load is highest. "Still answers" is
 * judged over the last {@link #PAUSE_AFTER_ERROR}, not the call's timeout: a process starved of CPU
 * for longer than a timeout reads every reply late, and leases make calls rarer than one per timeout.
 */
final class SharedStoreHealth {
  static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(SharedStoreHealth.class);
  private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

  private final String what;
  private final boolean failClosed;
  private final LongSupplier nanos;
  private final BooleanSupplier answering;
  private final AtomicLong pausedUntil;
  private final AtomicLong nextWarning;
  private final LongAdder fallbacks = new LongAdder();

  /** @param what names the shared state in the warning, e.g. {@code shared rate limits} */
  SharedStoreHealth(String what, boolean failClosed, LongSupplier nanos) {
    this(what, failClosed, nanos, () -> false);
  }

  /** @param answering says whether the store has answered any call lately (see the class comment) */
  SharedStoreHealth(String what, boolean failClosed, LongSupplier nanos, BooleanSupplier answering) {
    this.what = what;
    this.failClosed = failClosed;
    this.nanos = nanos;
    this.answering = answering;
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
    boolean slowHere = cause instanceof TimeoutException && answering.getAsBoolean();
    if (!slowHere) {
      pausedUntil.set(now + PAUSE_AFTER_ERROR.toNanos());
    }
    long due = nextWarning.get();
    if (now - due >= 0 && nextWarning.compareAndSet(due, now + WARN_EVERY_NANOS)) {
      LOG.warn("{} {}, {}; {} fallbacks so far: {}", what,
          slowHere ? "answered too late for one call (this process is saturated)" : "unavailable",
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

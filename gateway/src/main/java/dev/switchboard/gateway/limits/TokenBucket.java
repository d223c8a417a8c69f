package dev.switchboard.gateway.limits;

import java.time.Duration;

/**
 * Holds one per-minute limit as a token bucket: full at the limit, refilled continuously at
 * limit/60 s, as OpenAI describes its limits. The level may go below zero when real usage exceeds
 * the estimate; the bucket then refuses until refilled. Not thread-safe: guarded by its owner.
 */
final class TokenBucket {
  private static final double NANOS_PER_MINUTE = 60e9;

  private long capacity;
  private double level;
  private long updatedNanos;

  TokenBucket(long capacity, long nowNanos) {
    this.capacity = capacity;
    this.level = capacity;
    this.updatedNanos = nowNanos;
  }

  /** Refills for the time passed and adopts a changed limit (never above the new capacity). */
  void refill(long newCapacity, long nowNanos) {
    long elapsed = Math.max(0, nowNanos - updatedNanos);
    updatedNanos = Math.max(updatedNanos, nowNanos);
    level = Math.min(capacity, level + elapsed * (capacity / NANOS_PER_MINUTE));
    if (newCapacity != capacity) {
      level = Math.min(level + (newCapacity - capacity), newCapacity);
      capacity = newCapacity;
    }
  }

  boolean has(long amount) {
    return level >= amount;
  }

  void take(long amount) {
    level = Math.min(capacity, level - amount);
  }

  /** Returns the remaining whole units, never negative. */
  long remaining() {
    return (long) Math.max(0, Math.floor(level));
  }

  long capacity() {
    return capacity;
  }

  /** Returns the time until {@code amount} fits. */
  Duration until(long amount) {
    return timeFor(amount - level);
  }

  /** Returns the time until the bucket is full again. */
  Duration untilFull() {
    return timeFor(capacity - level);
  }

  LimitState state() {
    return new LimitState(capacity, remaining(), untilFull());
  }

  private Duration timeFor(double missing) {
    if (missing <= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(missing * NANOS_PER_MINUTE / capacity));
  }
}

package dev.switchboard.gateway.routing;

import dev.switchboard.config.TargetTimeouts;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Runs one attempt's first-byte, idle-gap and total limits on its event loop and reports the first
 * that runs out, once. The idle limit starts with the first chunk, restarts on every chunk, and is
 * held while the client's backpressure pauses the stream (a slow client is not an idle upstream).
 *
 * <p>The three limits share one Vert.x timer, armed for the earliest deadline: a chunk only moves
 * the idle deadline, and a timer that fires before anything is due re-arms itself for what is
 * left. A timer per limit, re-armed on every chunk, cost a cancel and a new timer per chunk of
 * every stream and showed up in profiles.
 */
final class AttemptTimers {
  private static final long NONE = Long.MAX_VALUE;
  private static final Duration CEILING = Duration.ofDays(36_500);

  private final Vertx vertx;
  private final TargetTimeouts limits;
  private Handler<TimeoutKind> onExpiry = kind -> {};
  private long firstByteAt = NONE;
  private long idleAt = NONE;
  private long totalAt = NONE;
  private long timer = -1;
  private long timerAt = NONE;
  private boolean firstChunkSeen;
  private boolean paused;
  private boolean stopped;

  AttemptTimers(Vertx vertx, TargetTimeouts limits) {
    this.vertx = vertx;
    this.limits = limits;
  }

  /** Starts the first-byte and total limits. */
  void start(Handler<TimeoutKind> handler) {
    onExpiry = handler;
    long now = System.nanoTime();
    firstByteAt = deadline(now, limits.firstByte());
    totalAt = deadline(now, limits.total());
    arm(now);
  }

  /** Sends later expiries to {@code handler} instead (the stream took over the attempt). */
  void redirect(Handler<TimeoutKind> handler) {
    onExpiry = handler;
  }

  /** Notes a chunk: the first one ends the first-byte limit; each restarts the idle limit. */
  void chunk() {
    firstChunkSeen = true;
    firstByteAt = NONE;
    if (!paused && !stopped) {
      long now = System.nanoTime();
      idleAt = deadline(now, limits.idle());
      if (idleAt < timerAt) {
        arm(now); // only the first chunk can bring the earliest deadline forward
      }
    }
  }

  /** Holds the idle limit while the stream is paused. */
  void pause() {
    paused = true;
    idleAt = NONE;
  }

  /** Restarts the idle limit after a pause. */
  void resume() {
    paused = false;
    if (firstChunkSeen && !stopped) {
      long now = System.nanoTime();
      idleAt = deadline(now, limits.idle());
      if (idleAt < timerAt) {
        arm(now);
      }
    }
  }

  /** Cancels every limit; nothing is reported afterwards. */
  void stop() {
    stopped = true;
    cancel();
  }

  /** Returns the limit of {@code kind}. */
  Duration limit(TimeoutKind kind) {
    return switch (kind) {
      case FIRST_BYTE -> limits.firstByte();
      case IDLE -> limits.idle();
      case TOTAL -> limits.total();
    };
  }

  private void arm(long now) {
    long next = Math.min(firstByteAt, Math.min(idleAt, totalAt));
    if (stopped || next == timerAt) {
      return;
    }
    cancel();
    if (next == NONE) {
      return;
    }
    long delayMs = Math.max(1, (next - now + 999_999) / 1_000_000);
    timerAt = next;
    timer = vertx.setTimer(delayMs, id -> fire());
  }

  private void fire() {
    timer = -1;
    timerAt = NONE;
    if (stopped) {
      return;
    }
    long now = System.nanoTime();
    TimeoutKind due = null;
    long dueAt = NONE;
    if (firstByteAt <= now && firstByteAt < dueAt) {
      due = TimeoutKind.FIRST_BYTE;
      dueAt = firstByteAt;
    }
    if (idleAt <= now && idleAt < dueAt) {
      due = TimeoutKind.IDLE;
      dueAt = idleAt;
    }
    if (totalAt <= now && totalAt < dueAt) {
      due = TimeoutKind.TOTAL;
    }
    if (due == null) {
      arm(now); // woke early: a chunk moved the idle deadline, or the first byte came
      return;
    }
    stop();
    onExpiry.handle(due);
  }

  private void cancel() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    timerAt = NONE;
  }

  private static long deadline(long now, Duration limit) {
    // a limit beyond ~100 years (or none) never runs out; this also keeps the sum from overflowing
    if (limit == null || limit.compareTo(CEILING) > 0) {
      return NONE;
    }
    return now + limit.toNanos();
  }
}

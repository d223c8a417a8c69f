package dev.switchboard.gateway.routing;

import dev.switchboard.config.TargetTimeouts;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs one attempt's first-byte, idle-gap and total timers on its event loop and reports the first
 * that runs out, once. The idle timer starts with the first chunk, restarts on every chunk, and is
 * held while the client's backpressure pauses the stream (a slow client is not an idle upstream).
 *
 * <p>The idle timer is not re-armed per chunk (a cancel and a new timer for every chunk of every
 * stream showed up in profiles): a chunk only moves the deadline, and the one timer, when it
 * fires early, sleeps again for what is left.
 */
final class AttemptTimers {
  private final Vertx vertx;
  private final TargetTimeouts limits;
  private Handler<TimeoutKind> onExpiry = kind -> {};
  private long firstByteTimer = -1;
  private long idleTimer = -1;
  private long totalTimer = -1;
  private long idleDeadlineNanos;
  private boolean firstChunkSeen;
  private boolean paused;
  private boolean stopped;

  AttemptTimers(Vertx vertx, TargetTimeouts limits) {
    this.vertx = vertx;
    this.limits = limits;
  }

  /** Starts the first-byte and total timers. */
  void start(Handler<TimeoutKind> handler) {
    onExpiry = handler;
    firstByteTimer = schedule(limits.firstByte(), TimeoutKind.FIRST_BYTE);
    totalTimer = schedule(limits.total(), TimeoutKind.TOTAL);
  }

  /** Sends later expiries to {@code handler} instead (the stream took over the attempt). */
  void redirect(Handler<TimeoutKind> handler) {
    onExpiry = handler;
  }

  /** Notes a chunk: the first one stops the first-byte timer; each restarts the idle timer. */
  void chunk() {
    if (!firstChunkSeen) {
      firstChunkSeen = true;
      cancel(firstByteTimer);
    }
    restartIdle();
  }

  /** Holds the idle timer while the stream is paused. */
  void pause() {
    paused = true;
    cancel(idleTimer);
    idleTimer = -1;
  }

  /** Restarts the idle timer after a pause. */
  void resume() {
    paused = false;
    if (firstChunkSeen) {
      restartIdle();
    }
  }

  /** Cancels every timer; nothing is reported afterwards. */
  void stop() {
    stopped = true;
    cancel(firstByteTimer);
    cancel(idleTimer);
    cancel(totalTimer);
  }

  /** Returns the limit of {@code kind}. */
  Duration limit(TimeoutKind kind) {
    return switch (kind) {
      case FIRST_BYTE -> limits.firstByte();
      case IDLE -> limits.idle();
      case TOTAL -> limits.total();
    };
  }

  private void restartIdle() {
    if (paused || stopped || limits.idle() == null) {
      return;
    }
    idleDeadlineNanos = System.nanoTime() + limits.idle().toNanos();
    if (idleTimer < 0) {
      idleTimer = vertx.setTimer(Math.max(1, limits.idle().toMillis()), id -> idleCheck());
    }
  }

  private void idleCheck() {
    idleTimer = -1;
    if (paused || stopped) {
      return;
    }
    long left = idleDeadlineNanos - System.nanoTime();
    if (left > 0) {
      idleTimer = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999)), id -> idleCheck());
      return;
    }
    expire(TimeoutKind.IDLE);
  }

  private long schedule(Duration limit, TimeoutKind kind) {
    if (limit == null || stopped) {
      return -1;
    }
    return vertx.setTimer(Math.max(1, limit.toMillis()), id -> expire(kind));
  }

  private void expire(TimeoutKind kind) {
    if (stopped) {
      return;
    }
    stop();
    onExpiry.handle(kind);
  }

  private void cancel(long timer) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}

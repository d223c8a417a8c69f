package dev.switchboard.gateway.routing;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves routing time by hand: a ticker tests advance, and a sleeper that records each requested
 * wait, advances the ticker by it and returns at once (no wall-clock waiting in tests).
 */
final class ManualTime implements Ticker, Sleeper {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @Override
  public long nanos() {
    return nanos.get();
  }

  @Override
  public Future<Void> sleep(Duration delay) {
    sleeps.add(delay);
    advance(delay);
    return Future.succeededFuture();
  }

  void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }

  /** Returns every wait the dispatcher asked for, in order. */
  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}

package dev.switchboard.gateway.demo;

import io.vertx.core.Vertx;

/** Schedules a simulated model's output at its profile's speed, with timers, never sleeping. */
final class Pacer {
  private final Vertx vertx;
  private final DemoModelProfile profile;

  Pacer(Vertx vertx, DemoModelProfile profile) {
    this.vertx = vertx;
    this.profile = profile;
  }

  /** Returns the delay before the first byte: time to first token plus any hidden reasoning. */
  long firstByteMillis(int reasoningTokens) {
    return profile.timeToFirstToken().toMillis() + tokensMillis(reasoningTokens);
  }

  /** Returns the time the model takes to generate {@code tokens} tokens. */
  long tokensMillis(int tokens) {
    return Math.round(tokens * 1000.0 / profile.tokensPerSecond());
  }

  /** Returns the time the model takes to generate {@code piece}; counts its tokens only when paced. */
  long piecesMillis(String piece, dev.switchboard.telemetry.tokens.TokenCounter counter) {
    return Double.isInfinite(profile.tokensPerSecond()) ? 0 : tokensMillis(counter.count(piece));
  }

  /** Runs {@code action} on the current context after {@code millis} (as a new task when 0). */
  void after(long millis, Runnable action) {
    // Vert.x timers refuse delays under 1 ms
    if (millis < 1) {
      vertx.runOnContext(v -> action.run());
    } else {
      vertx.setTimer(millis, id -> action.run());
    }
  }
}

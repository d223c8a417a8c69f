package dev.switchboard.gateway.auth;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds the time a simulated request is recorded at, granted by {@link SimulationGate} and read
 * with {@link #of} when the request's usage record is opened.
 */
public record SimulatedTime(Instant at) {
  private static final String CONTEXT_KEY = SimulatedTime.class.getName();

  public SimulatedTime {
    Objects.requireNonNull(at, "at");
  }

  /** Returns the simulated instant attached to {@code ctx}, or empty for a real-time request. */
  public static Optional<Instant> of(RoutingContext ctx) {
    SimulatedTime time = ctx.get(CONTEXT_KEY);
    return time == null ? Optional.empty() : Optional.of(time.at);
  }

  /** Attaches this time to {@code ctx} for the handlers after the gate. */
  void attachTo(RoutingContext ctx) {
    ctx.put(CONTEXT_KEY, this);
  }
}

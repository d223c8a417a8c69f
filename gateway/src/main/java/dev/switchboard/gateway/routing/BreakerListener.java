package dev.switchboard.gateway.routing;

/** Hears a target's circuit breaker change state (for metrics); must be quick and never block. */
@FunctionalInterface
public interface BreakerListener {

  /** Hears nothing. */
  BreakerListener NONE = (target, from, to) -> {};

  /** Called after {@code target}'s breaker went from {@code from} to {@code to}. */
  void transition(TargetKey target, BreakerState from, BreakerState to);
}

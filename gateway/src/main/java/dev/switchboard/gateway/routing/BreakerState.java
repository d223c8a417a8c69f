package dev.switchboard.gateway.routing;

/** Names the state of a target's circuit breaker. */
public enum BreakerState {
  /** Attempts flow normally. */
  CLOSED,
  /** Attempts are refused until the cool-down ends. */
  OPEN,
  /** The cool-down ended: one probe attempt decides whether to close or reopen. */
  HALF_OPEN
}

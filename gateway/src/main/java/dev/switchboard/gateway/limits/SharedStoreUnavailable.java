package dev.switchboard.gateway.limits;

/**
 * Fails an admission while the shared store (Redis) cannot be reached and {@code
 * state.redis_failure} is {@code closed}: the policy answers 503 instead of deciding locally.
 */
public final class SharedStoreUnavailable extends RuntimeException {
  public SharedStoreUnavailable(String what) {
    super(what + " unavailable (state.redis_failure: closed)", null, false, false);
  }
}

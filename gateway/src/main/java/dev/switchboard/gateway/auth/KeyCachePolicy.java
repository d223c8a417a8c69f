package dev.switchboard.gateway.auth;

import java.time.Duration;

/**
 * Says how long {@link KeyDirectory} trusts a cached known key.
 *
 * @param refreshAfter after this, a lookup answers from the cache and reloads the key in the
 *     background; null never reloads (the store has one writer: this gateway)
 * @param knownKeyLifetime how long a key stays usable from the cache after its last successful
 *     load, i.e. how long it keeps working while the store is unreachable
 */
public record KeyCachePolicy(Duration refreshAfter, Duration knownKeyLifetime) {
  /** The embedded store: every change goes through this gateway, so known keys are cached for good. */
  public static final KeyCachePolicy EMBEDDED = new KeyCachePolicy(null, Duration.ofNanos(Long.MAX_VALUE));

  /** Refreshes known keys every 30 s as a safety net beside change notifications. */
  public static KeyCachePolicy shared(Duration grace) {
    return new KeyCachePolicy(Duration.ofSeconds(30), grace);
  }
}

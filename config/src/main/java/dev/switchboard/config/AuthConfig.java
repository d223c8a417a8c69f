package dev.switchboard.config;

import java.time.Duration;
import java.util.List;

/**
 * Configures who may call the gateway.
 *
 * @param mode {@code none}: anyone, recorded as anonymous; {@code keys}: a gateway key is required
 * @param adminKey the admin key for the admin API and all stats, usually {@code ${VAR}}
 * @param keys gateway keys declared in config, with their secrets from the environment
 * @param upstreamLimits global rate limits per upstream provider (and model), across all callers
 * @param bodyRetention how long request/response bodies of keys with {@code store_bodies} are kept
 */
public record AuthConfig(
    AuthMode mode,
    SecretRef adminKey,
    List<StaticKeyConfig> keys,
    List<UpstreamLimitConfig> upstreamLimits,
    Duration bodyRetention) {

  /** The default retention of stored bodies: seven days. */
  public static final Duration DEFAULT_BODY_RETENTION = Duration.ofDays(7);

  /** Names the two ways the gateway admits callers. */
  public enum AuthMode {
    NONE,
    KEYS
  }

  public AuthConfig {
    keys = keys == null ? List.of() : List.copyOf(keys);
    upstreamLimits = upstreamLimits == null ? List.of() : List.copyOf(upstreamLimits);
    bodyRetention = bodyRetention == null ? DEFAULT_BODY_RETENTION : bodyRetention;
  }

  /** Returns a config with no static keys, no upstream limits and the default body retention. */
  public AuthConfig(AuthMode mode, SecretRef adminKey) {
    this(mode, adminKey, List.of(), List.of(), DEFAULT_BODY_RETENTION);
  }

  /** Returns the defaults: no authentication, no admin key. */
  public static AuthConfig defaults() {
    return new AuthConfig(AuthMode.NONE, SecretRef.none());
  }
}

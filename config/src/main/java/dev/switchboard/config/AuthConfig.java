package dev.switchboard.config;

/**
 * Configures who may call the gateway.
 *
 * @param mode {@code none}: anyone, recorded as anonymous; {@code keys}: a gateway key is required
 * @param adminKey the admin key for the admin API and all stats, usually {@code ${VAR}}
 */
public record AuthConfig(AuthMode mode, SecretRef adminKey) {

  /** Names the two ways the gateway admits callers. */
  public enum AuthMode {
    NONE,
    KEYS
  }

  /** Returns the defaults: no authentication, no admin key. */
  public static AuthConfig defaults() {
    return new AuthConfig(AuthMode.NONE, SecretRef.none());
  }
}

package dev.switchboard.config;

import java.util.List;

/**
 * Configures budget alerts: the webhooks that get a signed JSON message when spend crosses 50%,
 * 80% and 100% of a budget. No webhooks: no alerts.
 */
public record AlertsConfig(List<Webhook> webhooks) {

  public AlertsConfig {
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
  }

  /** Returns the defaults: no webhooks. */
  public static AlertsConfig defaults() {
    return new AlertsConfig(List.of());
  }

  /** Returns whether any webhook is configured. */
  public boolean enabled() {
    return !webhooks.isEmpty();
  }

  /**
   * One webhook.
   *
   * @param url an http(s) URL
   * @param secret the HMAC-SHA256 key signing each body ({@code X-Switchboard-Signature}), as a
   *     literal or a {@code ${VAR}} reference; none sends unsigned messages
   */
  public record Webhook(String url, SecretRef secret) {
    public Webhook {
      secret = secret == null ? SecretRef.none() : secret;
    }
  }
}

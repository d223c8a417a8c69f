package dev.switchboard.config;

import java.util.List;

/**
 * Configures budget alerts: the webhooks that get a signed JSON message when spend crosses 50%,
 * 80% and 100% of a budget, and, when {@code reports} is set, a spend report per team for each
 * closed day or week. No webhooks: no alerts and no reports.
 */
public record AlertsConfig(List<Webhook> webhooks, Reports reports) {

  public AlertsConfig {
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    reports = reports == null ? Reports.off() : reports;
  }

  /** Returns alerts to {@code webhooks} without spend reports. */
  public AlertsConfig(List<Webhook> webhooks) {
    this(webhooks, Reports.off());
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

  /**
   * Spend reports per team, sent once a period has closed.
   *
   * @param every the period reported on, or null for no reports
   * @param top how many models, keys and tags a report lists (by spend)
   */
  public record Reports(ReportPeriod every, int top) {
    /** How many models, keys and tags a report lists unless told. */
    public static final int DEFAULT_TOP = 5;

    /** Returns no reports. */
    public static Reports off() {
      return new Reports(null, DEFAULT_TOP);
    }

    /** Returns whether reports are sent. */
    public boolean enabled() {
      return every != null;
    }
  }

  /** Names the periods a spend report covers: a UTC day, or an ISO week (Monday 00:00 UTC). */
  public enum ReportPeriod {
    DAY,
    WEEK
  }
}

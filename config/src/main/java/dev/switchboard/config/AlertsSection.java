package dev.switchboard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps the {@code alerts} section onto {@link AlertsConfig}; each webhook needs an http(s) URL, and
 * reports need a webhook to go to.
 */
final class AlertsSection {
  private static final int MAX_TOP = 50;

  private AlertsSection() {}

  /** Reads the section, or returns the defaults when it is absent. */
  static AlertsConfig read(Optional<YamlNodeReader> section) {
    if (section.isEmpty()) {
      return AlertsConfig.defaults();
    }
    YamlNodeReader alerts = section.get();
    alerts.rejectUnknownKeys("webhooks", "reports");
    List<AlertsConfig.Webhook> webhooks = new ArrayList<>();
    for (YamlNodeReader hook : alerts.mappings("webhooks")) {
      hook.rejectUnknownKeys("url", "secret");
      Optional<String> url = hook.requiredString("url");
      url.filter(u -> !isHttpUrl(u)).ifPresent(u -> hook.problem("url", "must be an http:// or https:// URL"));
      SecretRef secret = hook.nonBlankString("secret").map(SecretRef::parse).orElse(SecretRef.none());
      url.ifPresent(u -> webhooks.add(new AlertsConfig.Webhook(u, secret)));
    }
    AlertsConfig.Reports reports = alerts.mapping("reports").map(AlertsSection::reports).orElse(AlertsConfig.Reports.off());
    if (reports.enabled() && webhooks.isEmpty()) {
      alerts.problem("reports", "reports need at least one entry in alerts.webhooks");
    }
    return new AlertsConfig(webhooks, reports);
  }

  private static AlertsConfig.Reports reports(YamlNodeReader reports) {
    reports.rejectUnknownKeys("every", "top");
    AlertsConfig.ReportPeriod every = reports.requiredString("every").map(e -> switch (e.trim()) {
      case "day" -> AlertsConfig.ReportPeriod.DAY;
      case "week" -> AlertsConfig.ReportPeriod.WEEK;
      default -> {
        reports.problem("every", "unknown period '" + e + "' (allowed: day, week)");
        yield null;
      }
    }).orElse(null);
    int top = (int) reports.positive("top", MAX_TOP, AlertsConfig.Reports.DEFAULT_TOP);
    return new AlertsConfig.Reports(every, top);
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}

package dev.switchboard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Maps the {@code alerts} section onto {@link AlertsConfig}; each webhook needs an http(s) URL. */
final class AlertsSection {

  private AlertsSection() {}

  /** Reads the section, or returns the defaults when it is absent. */
  static AlertsConfig read(Optional<YamlNodeReader> section) {
    if (section.isEmpty()) {
      return AlertsConfig.defaults();
    }
    YamlNodeReader alerts = section.get();
    alerts.rejectUnknownKeys("webhooks");
    List<AlertsConfig.Webhook> webhooks = new ArrayList<>();
    for (YamlNodeReader hook : alerts.mappings("webhooks")) {
      hook.rejectUnknownKeys("url", "secret");
      Optional<String> url = hook.requiredString("url");
      url.filter(u -> !isHttpUrl(u)).ifPresent(u -> hook.problem("url", "must be an http:// or https:// URL"));
      SecretRef secret = hook.nonBlankString("secret").map(SecretRef::parse).orElse(SecretRef.none());
      url.ifPresent(u -> webhooks.add(new AlertsConfig.Webhook(u, secret)));
    }
    return new AlertsConfig(webhooks);
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

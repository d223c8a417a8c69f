package dev.switchboard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Maps the {@code observability} section onto {@link ObservabilityConfig}. */
final class ObservabilitySection {
  private static final long MAX_STEP_MS = 3_600_000;

  private ObservabilitySection() {}

  /** Reads the section, or returns the defaults when it is absent. */
  static ObservabilityConfig read(Optional<YamlNodeReader> section) {
    if (section.isEmpty()) {
      return ObservabilityConfig.defaults();
    }
    YamlNodeReader observability = section.get();
    observability.rejectUnknownKeys("otlp", "request_log");
    OtlpConfig otlp = observability.mapping("otlp").map(ObservabilitySection::otlp).orElse(null);
    return new ObservabilityConfig(otlp, observability.bool("request_log", false));
  }

  private static OtlpConfig otlp(YamlNodeReader otlp) {
    otlp.rejectUnknownKeys("endpoint", "headers", "sample_rate", "metrics", "metrics_step_ms");
    String endpoint = otlp.requiredString("endpoint").orElse(null);
    if (endpoint != null && !isHttpUrl(endpoint)) {
      otlp.problem("endpoint", "expected an http:// or https:// URL");
    }
    Map<String, SecretRef> headers = new LinkedHashMap<>();
    otlp.strings("headers").forEach((name, value) -> headers.put(name, SecretRef.parse(value)));
    double sampleRate = otlp.nonNegativeNumber("sample_rate").orElse(1.0);
    if (sampleRate > 1) {
      otlp.problem("sample_rate", "must be 0..1");
      sampleRate = 1;
    }
    boolean metrics = otlp.bool("metrics", false);
    Duration step = Duration.ofMillis(otlp.positive("metrics_step_ms", MAX_STEP_MS, 60_000));
    return endpoint == null ? null : new OtlpConfig(endpoint, headers, sampleRate, metrics, step);
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}

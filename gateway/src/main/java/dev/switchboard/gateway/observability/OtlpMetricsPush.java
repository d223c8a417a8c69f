package dev.switchboard.gateway.observability;

import dev.switchboard.config.OtlpConfig;
import io.micrometer.core.instrument.Clock;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import java.time.Duration;
import java.util.Map;

/**
 * Builds the Micrometer registry that pushes the gateway's meters over OTLP/HTTP ({@code
 * /v1/metrics} below the configured endpoint) on its own thread, every configured step.
 */
public final class OtlpMetricsPush {

  private OtlpMetricsPush() {}

  /**
   * Returns a started registry pushing to {@code config}'s endpoint.
   *
   * @throws IllegalArgumentException when a header names an environment variable that is not set
   */
  public static OtlpMeterRegistry start(OtlpConfig config) {
    String url = config.endpoint().replaceAll("/+$", "") + "/v1/metrics";
    Map<String, String> headers = Tracing.resolvedHeaders(config);
    io.micrometer.registry.otlp.OtlpConfig push =
        new io.micrometer.registry.otlp.OtlpConfig() {
          @Override
          public String get(String key) {
            return null; // everything below is set here, nothing read from system properties
          }

          @Override
          public String url() {
            return url;
          }

          @Override
          public Duration step() {
            return config.metricsStep();
          }

          @Override
          public Map<String, String> headers() {
            return headers;
          }

          @Override
          public Map<String, String> resourceAttributes() {
            return Map.of("service.name", "switchboard");
          }
        };
    return new OtlpMeterRegistry(push, Clock.SYSTEM);
  }
}

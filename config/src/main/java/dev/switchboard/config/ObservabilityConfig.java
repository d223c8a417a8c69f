package dev.switchboard.config;

import java.util.Optional;

/**
 * Configures what the gateway tells an operator's own tools: OpenTelemetry traces (and optionally
 * metrics) pushed over OTLP, and a structured log line per request. Everything is off by default.
 *
 * @param otlp where traces (and metrics, when asked) are pushed; null pushes nothing
 * @param requestLog whether one JSON line per request goes to the {@code switchboard.requests} logger
 */
public record ObservabilityConfig(OtlpConfig otlp, boolean requestLog) {

  /** Returns the defaults: no OTLP export, no request log. */
  public static ObservabilityConfig defaults() {
    return new ObservabilityConfig(null, false);
  }

  /** Returns the OTLP export settings, when an endpoint is configured. */
  public Optional<OtlpConfig> otlpExport() {
    return Optional.ofNullable(otlp);
  }
}

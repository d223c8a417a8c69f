package dev.switchboard.config;

import java.time.Duration;
import java.util.Map;

/**
 * Configures the OTLP/HTTP (protobuf) export of traces and, optionally, metrics.
 *
 * @param endpoint the collector's base URL, such as {@code http://collector:4318}; traces go to
 *     {@code /v1/traces} and metrics to {@code /v1/metrics} below it
 * @param headers headers sent with every export (such as an API key); values may be {@code ${VAR}}
 *     references and are never printed
 * @param sampleRate the share of new traces sampled, 0..1; a client's sampled {@code traceparent}
 *     is followed either way
 * @param metrics whether the gateway's metrics are also pushed over OTLP
 * @param metricsStep how often metrics are pushed
 */
public record OtlpConfig(
    String endpoint,
    Map<String, SecretRef> headers,
    double sampleRate,
    boolean metrics,
    Duration metricsStep) {

  public OtlpConfig {
    headers = Map.copyOf(headers);
  }
}

package dev.switchboard.gateway.observability;

import dev.switchboard.config.ObservabilityConfig;
import dev.switchboard.config.OtlpConfig;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.List;

/**
 * Holds what the gateway exports over OTLP: request tracing and, when asked, the metric push.
 *
 * @param tracing request tracing, {@link Tracing#off()} without an OTLP endpoint
 * @param otlpMetrics the registry pushing metrics over OTLP, or null when not asked
 */
public record ObservabilityExports(Tracing tracing, MeterRegistry otlpMetrics) implements AutoCloseable {

  /**
   * Starts the exports {@code config} asks for. Blocking (the SDK and its exporter load and start
   * threads): call it off the event loop.
   *
   * @throws IllegalArgumentException when an export header names an unset environment variable
   */
  public static ObservabilityExports open(ObservabilityConfig config) {
    Tracing tracing = config.otlpExport().map(Tracing::start).orElse(Tracing.off());
    try {
      MeterRegistry push =
          config.otlpExport().filter(OtlpConfig::metrics).map(OtlpMetricsPush::start).orElse(null);
      return new ObservabilityExports(tracing, push);
    } catch (RuntimeException e) {
      tracing.close();
      throw e;
    }
  }

  /**
   * Returns the registry every meter is registered in: {@code scraped} alone, or with the OTLP
   * push beside it.
   */
  public MeterRegistry registryWith(MeterRegistry scraped) {
    return otlpMetrics == null
        ? scraped
        : new CompositeMeterRegistry(Clock.SYSTEM, List.of(scraped, otlpMetrics));
  }

  /** Exports what is left and stops (blocking: not on an event loop). */
  @Override
  public void close() {
    tracing.close();
    if (otlpMetrics != null) {
      otlpMetrics.close();
    }
  }
}

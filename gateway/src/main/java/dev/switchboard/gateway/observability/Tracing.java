package dev.switchboard.gateway.observability;

import dev.switchboard.config.OtlpConfig;
import dev.switchboard.config.SecretRef;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.vertx.core.MultiMap;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts request traces with the OpenTelemetry SDK and exports them over OTLP/HTTP. The batch span
 * processor exports on its own thread, so the event loop only builds spans. {@link #off()} starts
 * no spans at all.
 */
public final class Tracing implements AutoCloseable {
  private static final Tracing OFF = new Tracing(null);
  private static final Duration EXPORT_DELAY = Duration.ofSeconds(2);
  private static final TextMapGetter<MultiMap> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(MultiMap carrier) {
          return carrier.names();
        }

        @Override
        public String get(MultiMap carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private final SdkTracerProvider provider;
  private final Tracer tracer;
  private final Clock clock = Clock.getDefault();

  private Tracing(SdkTracerProvider provider) {
    this.provider = provider;
    this.tracer = provider == null ? null : provider.get("dev.switchboard.gateway");
  }

  /** Returns tracing that is off: every request gets {@link RequestTrace#NONE}. */
  public static Tracing off() {
    return OFF;
  }

  /**
   * Starts exporting to {@code config}'s endpoint ({@code /v1/traces} below it), sampling new
   * traces at its rate and following a client's sampling decision.
   *
   * @throws IllegalArgumentException when a header names an environment variable that is not set
   */
  public static Tracing start(OtlpConfig config) {
    OtlpHttpSpanExporterBuilder exporter =
        OtlpHttpSpanExporter.builder().setEndpoint(trimSlash(config.endpoint()) + "/v1/traces");
    resolvedHeaders(config).forEach(exporter::addHeader);
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(resource())
            .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.sampleRate())))
            .addSpanProcessor(
                BatchSpanProcessor.builder(exporter.build()).setScheduleDelay(EXPORT_DELAY).build())
            .build();
    return new Tracing(provider);
  }

  /** Returns the resource every span and pushed metric describes: this gateway. */
  static Resource resource() {
    return Resource.getDefault()
        .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "switchboard")));
  }

  /**
   * Resolves the configured export headers; a missing variable is named with its config path
   * (never a value).
   */
  public static Map<String, String> resolvedHeaders(OtlpConfig config) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, SecretRef> header : config.headers().entrySet()) {
      try {
        header.getValue().resolve().ifPresent(value -> headers.put(header.getKey(), value));
      } catch (SecretRef.MissingSecretException e) {
        throw new IllegalArgumentException(
            "observability.otlp.headers." + header.getKey() + ": " + e.getMessage(), e);
      }
    }
    return headers;
  }

  /** Returns whether spans are started at all. */
  public boolean enabled() {
    return tracer != null;
  }

  /**
   * Starts the SERVER span of a request on ingress API {@code api}, continuing the client's W3C
   * {@code traceparent} when it sent one; {@link RequestTrace#NONE} when tracing is off.
   */
  public RequestTrace start(MultiMap headers, String api) {
    if (tracer == null) {
      return RequestTrace.NONE;
    }
    Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
    String operation = GenAi.operation(api);
    long startEpochNanos = clock.now();
    Span span =
        tracer
            .spanBuilder(operation)
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
            .setAttribute(GenAi.OPERATION_NAME, operation)
            .setAttribute("switchboard.api", api)
            .startSpan();
    return new SpanRequestTrace(tracer, span, operation, startEpochNanos);
  }

  /** Exports the spans ended so far, waiting up to 10 seconds (blocking: not on an event loop). */
  public void flush() {
    if (provider != null) {
      provider.forceFlush().join(10, TimeUnit.SECONDS);
    }
  }

  /** Exports what is left and stops (blocking: not on an event loop). */
  @Override
  public void close() {
    if (provider != null) {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}

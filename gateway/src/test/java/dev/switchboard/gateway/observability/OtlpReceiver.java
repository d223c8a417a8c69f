package dev.switchboard.gateway.observability;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepts OTLP/HTTP protobuf exports on {@code /v1/traces} and {@code /v1/metrics} on a loopback
 * port, decoding them with the OpenTelemetry proto classes, for tests to look at what a gateway
 * exported (as a collector would receive it).
 */
public final class OtlpReceiver implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final List<Span> spans = new CopyOnWriteArrayList<>();
  private final Set<String> metricNames = ConcurrentHashMap.newKeySet();
  private final Map<String, String> lastHeaders = new ConcurrentHashMap<>();
  private final HttpServer server;
  private final boolean decode;
  private final AtomicLong exports = new AtomicLong();

  /** Starts a receiver that decodes and keeps what it gets. */
  public OtlpReceiver() {
    this(true);
  }

  /**
   * Starts a receiver; one that does not {@code decode} only counts exports and answers them, as
   * a collector on another machine would cost the gateway nothing more (for overhead runs).
   */
  public OtlpReceiver(boolean decode) {
    this.decode = decode;
    try {
      server =
          vertx
              .createHttpServer()
              .requestHandler(this::handle)
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("OTLP receiver did not start", e);
    }
  }

  private void handle(HttpServerRequest request) {
    request.headers().forEach(h -> lastHeaders.put(h.getKey().toLowerCase(), h.getValue()));
    request.body().onSuccess(body -> {
      exports.incrementAndGet();
      if (!decode) {
        request.response().putHeader("content-type", "application/x-protobuf").end();
        return;
      }
      try {
        byte[] reply;
        switch (request.path()) {
          case "/v1/traces" -> {
            ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(body.getBytes());
            export.getResourceSpansList().forEach(r -> r.getScopeSpansList().forEach(s -> spans.addAll(s.getSpansList())));
            reply = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
          }
          case "/v1/metrics" -> {
            ExportMetricsServiceRequest export = ExportMetricsServiceRequest.parseFrom(body.getBytes());
            export.getResourceMetricsList().forEach(r -> r.getScopeMetricsList()
                .forEach(s -> s.getMetricsList().forEach(m -> metricNames.add(m.getName()))));
            reply = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
          }
          default -> {
            request.response().setStatusCode(404).end();
            return;
          }
        }
        request.response().putHeader("content-type", "application/x-protobuf").end(Buffer.buffer(reply));
      } catch (InvalidProtocolBufferException e) {
        request.response().setStatusCode(400).end();
      }
    });
  }

  /** Returns how many exports (of traces or metrics) arrived. */
  public long exports() {
    return exports.get();
  }

  /** Returns the base URL to configure as {@code observability.otlp.endpoint}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Returns every span received so far. */
  public List<Span> spans() {
    return new ArrayList<>(spans);
  }

  /** Returns the spans of trace {@code traceIdHex} received so far. */
  public List<Span> trace(String traceIdHex) {
    List<Span> found = new ArrayList<>();
    for (Span span : spans) {
      if (hex(span.getTraceId().toByteArray()).equals(traceIdHex)) {
        found.add(span);
      }
    }
    return found;
  }

  /** Returns the names of every metric received so far. */
  public Set<String> metricNames() {
    return new HashSet<>(metricNames);
  }

  /** Returns a header of the latest export, lower-cased name. */
  public Optional<String> lastHeader(String name) {
    return Optional.ofNullable(lastHeaders.get(name));
  }

  /** Returns a span's attribute as a string ({@code [a, b]} for arrays), empty when unset. */
  public static Optional<String> attribute(Span span, String key) {
    for (KeyValue kv : span.getAttributesList()) {
      if (kv.getKey().equals(key)) {
        return Optional.of(text(kv.getValue()));
      }
    }
    return Optional.empty();
  }

  /** Returns every attribute of a span as text. */
  public static Map<String, String> attributes(Span span) {
    Map<String, String> all = new java.util.TreeMap<>();
    span.getAttributesList().forEach(kv -> all.put(kv.getKey(), text(kv.getValue())));
    return all;
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpReceiver::text).toList().toString();
      default -> value.toString();
    };
  }

  /** Returns bytes (a trace or span id) as lowercase hex. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public void close() {
    vertx.close();
  }
}

package dev.switchboard.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.gateway.observability.OtlpReceiver.attribute;
import static dev.switchboard.gateway.observability.OtlpReceiver.attributes;
import static dev.switchboard.gateway.observability.OtlpReceiver.hex;
import static dev.switchboard.gateway.routing.RoutingHarness.body;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.BreakerConfig;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ObservabilityConfig;
import dev.switchboard.config.OtlpConfig;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.RoutingConfig;
import dev.switchboard.gateway.observability.OtlpReceiver;
import dev.switchboard.gateway.observability.RequestLog;
import dev.switchboard.telemetry.UsageRecord;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Sends plain, streamed, failed-over and refused requests through the real server with OTLP export
 * to an in-test receiver, and checks the spans it got (names, kinds, GenAI and Switchboard
 * attributes, parent links), the traceparent continued from the client and forwarded upstream,
 * the GenAI and routing metrics, and the request log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityEndToEndTest {
  private static final String MODEL = "test/abc";
  private static final String PROMPT = "capital of France";

  @TempDir static Path dir;
  private OtlpReceiver receiver;
  private RoutingHarness harness;
  private final ListAppender<ILoggingEvent> requestLog = new ListAppender<>();

  @BeforeAll
  void start() {
    receiver = new OtlpReceiver();
    Logger logger = (Logger) LoggerFactory.getLogger(RequestLog.LOGGER);
    requestLog.start();
    logger.addAppender(requestLog);
    OtlpConfig otlp =
        new OtlpConfig(receiver.endpoint(), Map.of(), 1.0, true, Duration.ofSeconds(1));
    harness =
        RoutingHarness.builder(dir)
            .routing(RoutingConfig.defaults().withBreaker(BreakerConfig.disabled()))
            .route(
                new ModelRoute(
                    MODEL, List.of(new RouteTarget("a", "model-a", null), new RouteTarget("b", "model-b", null))))
            .observability(new ObservabilityConfig(otlp, true))
            .start();
  }

  @AfterAll
  void stop() {
    ((Logger) LoggerFactory.getLogger(RequestLog.LOGGER)).detachAppender(requestLog);
    harness.close();
    receiver.close();
  }

  @BeforeEach
  void reset() {
    harness.resetUpstreams();
  }

  @Test
  void aPlainRequestContinuesTheClientsTraceAndForwardsItsAttemptSpanUpstream() {
    harness.stubSuccess("a", false);
    String traceId = randomHex(16);
    String clientSpan = randomHex(8);

    HttpResponse<String> response =
        harness.chat(body(MODEL, false, ",\"temperature\":0.2,\"max_tokens\":64"),
            "traceparent", "00-" + traceId + "-" + clientSpan + "-01");

    assertThat(response.statusCode()).isEqualTo(200);
    UsageRecord record = harness.recordOf(response);
    List<Span> spans = awaitSpans(traceId, 2);
    Span server = only(spans, Span.SpanKind.SPAN_KIND_SERVER);
    Span client = only(spans, Span.SpanKind.SPAN_KIND_CLIENT);
    // the client's trace goes on: our server span is the child of its span
    assertThat(hex(server.getParentSpanId().toByteArray())).isEqualTo(clientSpan);
    assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(server.getName()).isEqualTo("chat " + MODEL);
    assertThat(client.getName()).isEqualTo("chat model-a");
    assertThat(attributes(server))
        .containsEntry("gen_ai.operation.name", "chat")
        .containsEntry("gen_ai.request.model", MODEL)
        .containsEntry("gen_ai.provider.name", "a")
        .containsEntry("gen_ai.response.id", record.id())
        .containsEntry("gen_ai.response.model", record.servedModel())
        .containsEntry("gen_ai.usage.input_tokens", record.usage().promptTokens().toString())
        .containsEntry("gen_ai.usage.output_tokens", record.usage().completionTokens().toString())
        .containsEntry("gen_ai.response.finish_reasons", "[stop]")
        .containsEntry("gen_ai.request.temperature", "0.2")
        .containsEntry("gen_ai.request.max_tokens", "64")
        .containsEntry("switchboard.route", MODEL)
        .containsEntry("switchboard.api", "chat")
        .containsEntry("switchboard.attempts", "1")
        .containsEntry("switchboard.outcome", "success")
        .containsEntry("switchboard.key_id", "anonymous")
        .containsEntry("http.response.status_code", "200")
        .doesNotContainKey("error.type");
    assertThat(attributes(client))
        .containsEntry("gen_ai.provider.name", "a")
        .containsEntry("gen_ai.request.model", "model-a")
        .containsEntry("server.address", "127.0.0.1")
        .containsEntry("switchboard.attempt", "1")
        .containsEntry("switchboard.outcome", "success")
        .containsEntry("http.response.status_code", "200");
    assertNoTextOrSecrets(spans);
    // the upstream saw our attempt span as its parent, in the client's trace
    harness.upstream("a").verify(postRequestedFor(urlEqualTo(RoutingHarness.CHAT))
        .withHeader("traceparent", equalTo("00-" + traceId + "-" + hex(client.getSpanId().toByteArray()) + "-01")));
  }

  @Test
  void aStreamedRequestIsTracedWithItsTimeToFirstTokenAndUsage() {
    harness.stubSuccess("a", true);

    HttpResponse<String> response = harness.chat(body(MODEL, true));

    assertThat(response.statusCode()).isEqualTo(200);
    UsageRecord record = harness.recordOf(response);
    Span server = awaitServerSpan(record.id());
    List<Span> spans = receiver.trace(hex(server.getTraceId().toByteArray()));
    // no traceparent came in: a new trace whose root is our server span
    assertThat(server.getParentSpanId().isEmpty()).isTrue();
    assertThat(attributes(server))
        .containsEntry("switchboard.streamed", "true")
        .containsEntry("switchboard.ttft_ms", record.ttftMs().toString())
        .containsEntry("gen_ai.usage.output_tokens", record.usage().completionTokens().toString());
    assertThat(only(spans, Span.SpanKind.SPAN_KIND_CLIENT).getParentSpanId()).isEqualTo(server.getSpanId());
    assertNoTextOrSecrets(spans);
  }

  @Test
  void aFailedOverRequestHasOneClientSpanPerAttemptEachForwardedUpstream() {
    harness.stub("a", aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"boom\"}}"));
    harness.stubSuccess("b", false);

    HttpResponse<String> response = harness.chat(body(MODEL, false));

    assertThat(response.statusCode()).isEqualTo(200);
    UsageRecord record = harness.recordOf(response);
    Span server = awaitServerSpan(record.id());
    String traceId = hex(server.getTraceId().toByteArray());
    List<Span> spans = awaitSpans(traceId, 3);
    List<Span> attempts =
        spans.stream().filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_CLIENT)
            .sorted((x, y) -> Long.compare(x.getStartTimeUnixNano(), y.getStartTimeUnixNano())).toList();
    assertThat(attempts).hasSize(2).allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(server.getSpanId()));
    assertThat(attributes(attempts.get(0)))
        .containsEntry("switchboard.attempt", "1")
        .containsEntry("switchboard.outcome", "retry")
        .containsEntry("http.response.status_code", "500")
        .containsEntry("error.type", "http_error");
    assertThat(attempts.get(0).getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(attributes(attempts.get(1)))
        .containsEntry("switchboard.attempt", "2")
        .containsEntry("switchboard.outcome", "success")
        .containsEntry("gen_ai.request.model", "model-b");
    assertThat(attributes(server))
        .containsEntry("switchboard.attempts", "2")
        .containsEntry("gen_ai.provider.name", "b")
        .containsEntry("switchboard.outcome", "success");
    harness.upstream("a").verify(postRequestedFor(urlEqualTo(RoutingHarness.CHAT))
        .withHeader("traceparent", equalTo(traceparent(attempts.get(0)))));
    harness.upstream("b").verify(postRequestedFor(urlEqualTo(RoutingHarness.CHAT))
        .withHeader("traceparent", equalTo(traceparent(attempts.get(1)))));
    // routing metrics saw the failed attempt, the fallback and each target's latency
    String metrics = awaitScrape("switchboard_routing_fallbacks_total");
    assertThat(metrics)
        .containsPattern("switchboard_routing_attempts_total\\{model=\"model-a\",outcome=\"retry\",provider=\"a\"} [1-9]")
        .containsPattern("switchboard_routing_fallbacks_total [1-9]")
        .contains("switchboard_routing_attempt_duration_seconds_bucket{model=\"model-b\",provider=\"b\",le=\"0.05\"}")
        .contains("switchboard_routing_breaker_state{model=\"model-a\",provider=\"a\"} 0.0");
  }

  @Test
  void aRefusedRequestIsAnErrorServerSpanWithoutAttempts() {
    HttpResponse<String> response = harness.chat("{\"model\":\"" + MODEL + "\",\"messages\":\"not a list\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    String id = response.headers().firstValue("x-request-id").orElseThrow();
    Span server = awaitServerSpan(id);
    assertThat(server.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(attributes(server))
        .containsEntry("http.response.status_code", "400")
        .containsEntry("error.type", "invalid_request_error")
        .containsEntry("switchboard.outcome", "client_error")
        .containsEntry("switchboard.attempts", "0");
    assertThat(receiver.trace(hex(server.getTraceId().toByteArray()))).hasSize(1);
  }

  @Test
  void genAiMetricsAreScrapedAndPushedOverOtlp() {
    harness.stubSuccess("a", true);
    HttpResponse<String> response = harness.chat(body(MODEL, true));
    assertThat(response.statusCode()).isEqualTo(200);
    harness.recordOf(response);

    String metrics = awaitScrape("gen_ai_server_time_per_output_token_seconds_bucket{");
    assertThat(metrics)
        .contains("gen_ai_client_token_usage_bucket{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"a\","
            + "gen_ai_request_model=\"test/abc\",gen_ai_token_type=\"output\",le=\"16.0\"}")
        .contains("gen_ai_client_operation_duration_seconds_bucket{error_type=\"\",gen_ai_operation_name=\"chat\"")
        .contains("gen_ai_server_time_to_first_token_seconds_bucket{")
        .contains("gen_ai_server_time_per_output_token_seconds_bucket{");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!receiver.metricNames().contains("gen_ai.client.token.usage") && System.nanoTime() < deadline) {
      RoutingHarness.pause(100);
    }
    assertThat(receiver.metricNames())
        .contains("gen_ai.client.token.usage", "gen_ai.client.operation.duration", "switchboard.routing.attempts");
  }

  @Test
  void theRequestLogWritesOneJsonLinePerRequestWithoutBodiesOrSecrets() {
    harness.stubSuccess("a", false);

    HttpResponse<String> response = harness.chat(body(MODEL, false));

    UsageRecord record = harness.recordOf(response);
    JsonNode line = awaitLogLine(record.id());
    assertThat(line.get("api").asText()).isEqualTo("chat");
    assertThat(line.get("route").asText()).isEqualTo(MODEL);
    assertThat(line.get("model").asText()).isEqualTo(MODEL);
    assertThat(line.get("provider").asText()).isEqualTo("a");
    assertThat(line.get("status").asInt()).isEqualTo(200);
    assertThat(line.get("outcome").asText()).isEqualTo("success");
    assertThat(line.get("attempts").asInt()).isEqualTo(1);
    assertThat(line.get("input_tokens").asLong()).isEqualTo(record.usage().promptTokens());
    assertThat(line.get("output_tokens").asLong()).isEqualTo(record.usage().completionTokens());
    assertThat(line.get("latency_ms").asLong()).isEqualTo(record.latencyMs());
    assertThat(line.get("key_id").asText()).isEqualTo("anonymous");
    assertThat(line.has("ts")).isTrue();
    assertThat(line.toString()).doesNotContain(PROMPT).doesNotContain("secret");
  }

  /** Scrapes /metrics until it holds {@code expected} (records reach the meters after the answer). */
  private String awaitScrape(String expected) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String metrics = harness.get("/metrics").body();
    while (!metrics.contains(expected) && System.nanoTime() < deadline) {
      RoutingHarness.pause(50);
      metrics = harness.get("/metrics").body();
    }
    return metrics;
  }

  private JsonNode awaitLogLine(String id) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (ILoggingEvent event : List.copyOf(requestLog.list)) {
        JsonNode line = RoutingHarness.json(event.getFormattedMessage());
        if (line.get("id").asText().equals(id)) {
          return line;
        }
      }
      RoutingHarness.pause(20);
    }
    throw new AssertionError("no request log line for " + id);
  }

  private List<Span> awaitSpans(String traceId, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      harness.gateway().tracing().flush();
      List<Span> spans = receiver.trace(traceId);
      if (spans.size() >= count) {
        return spans;
      }
      RoutingHarness.pause(50);
    }
    throw new AssertionError("trace " + traceId + " has " + receiver.trace(traceId).size() + " of " + count + " spans");
  }

  private Span awaitServerSpan(String requestId) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      harness.gateway().tracing().flush();
      Optional<Span> found = receiver.spans().stream()
          .filter(s -> attribute(s, "gen_ai.response.id").filter(requestId::equals).isPresent())
          .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      RoutingHarness.pause(50);
    }
    throw new AssertionError("no server span for request " + requestId);
  }

  private static Span only(List<Span> spans, Span.SpanKind kind) {
    List<Span> matching = spans.stream().filter(s -> s.getKind() == kind).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  private static void assertNoTextOrSecrets(List<Span> spans) {
    for (Span span : spans) {
      assertThat(attributes(span).values().toString()).doesNotContain(PROMPT).doesNotContain("secret");
    }
  }

  private static String traceparent(Span span) {
    // the SDK may set the W3C level-2 "random trace id" flag beside "sampled": take the span's own
    return "00-" + hex(span.getTraceId().toByteArray()) + "-" + hex(span.getSpanId().toByteArray())
        + "-" + String.format("%02x", span.getFlags() & 0xff);
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    random[0] |= 1; // never all zeros (an invalid id)
    return hex(random);
  }
}

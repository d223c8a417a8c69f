package dev.switchboard.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.switchboard.gateway.routing.RoutingHarness.body;
import static dev.switchboard.gateway.routing.RoutingHarness.events;
import static dev.switchboard.gateway.routing.RoutingHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.switchboard.config.BreakerConfig;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.RoutingConfig;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.ProviderAttempt;
import dev.switchboard.telemetry.UsageRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sends requests through the real server to three WireMock upstreams, two of them failing in
 * different ways, and checks what the client gets and what is recorded per attempt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FallbackEndToEndTest {
  private static final String MODEL = "test/abc";
  private static final String BACKUP = "test/backup";

  @TempDir static Path dir;
  private RoutingHarness harness;

  @BeforeAll
  void start() {
    harness =
        RoutingHarness.builder(dir)
            // breakers off: every request here should walk the whole plan
            .routing(RoutingConfig.defaults().withBreaker(BreakerConfig.disabled()))
            .route(
                new ModelRoute(
                    MODEL,
                    List.of(
                        new RouteTarget("a", "model-a", null),
                        new RouteTarget("b", "model-b", null),
                        new RouteTarget("c", "model-c", null))))
            .route(new ModelRoute("test/a-only", List.of(new RouteTarget("a", "model-a", null))))
            .route(new ModelRoute(BACKUP, List.of(new RouteTarget("c", "model-c", null))))
            .start();
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  @BeforeEach
  void reset() {
    harness.resetUpstreams();
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void twoUpstreamsFailingDifferentlyStillLeaveTheClientAnAnswerFromTheThird(boolean stream) {
    harness.stub("a", aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"overloaded\"}}"));
    harness.stub("b", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    harness.stubSuccess("c", stream);

    HttpResponse<String> response = harness.chat(body(MODEL, stream));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-switchboard-provider")).hasValue("c");
    assertThat(response.headers().firstValue("x-switchboard-model")).hasValue("model-c");
    if (stream) {
      assertThat(response.body()).endsWith("data: [DONE]\n\n").doesNotContain("\"error\"");
      assertThat(events(response.body())).allSatisfy(e -> assertThat(e.get("model").asText()).isEqualTo(MODEL));
    } else {
      assertThat(json(response.body()).get("choices").get(0).get("message").get("content").asText()).contains("Paris");
    }
    assertThat(List.of(harness.calls("a"), harness.calls("b"), harness.calls("c"))).containsExactly(1, 1, 1);
    UsageRecord record = harness.recordOf(response);
    assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(record.provider()).isEqualTo("c");
    assertThat(record.attempts()).isEqualTo(3);
    assertThat(record.providerAttempts())
        .extracting(ProviderAttempt::provider, ProviderAttempt::status, ProviderAttempt::errorType)
        .containsExactly(
            tuple("a", 503, "http_error"), tuple("b", null, "unreachable"), tuple("c", 200, null));
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void emptyAndMalformedResponsesAreFallenBackFrom(boolean stream) {
    harness.stub("a", aResponse().withFault(Fault.EMPTY_RESPONSE));
    harness.stub("b", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
    harness.stubSuccess("c", stream);

    HttpResponse<String> response = harness.chat(body(MODEL, stream));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-switchboard-provider")).hasValue("c");
    UsageRecord record = harness.recordOf(response);
    assertThat(record.providerAttempts()).extracting(ProviderAttempt::provider).containsExactly("a", "b", "c");
    assertThat(record.providerAttempts().get(2).served()).isTrue();
  }

  @Test
  void anErrorInsideTheStreamBeforeTheFirstChunkIsRetriedElsewhere() {
    harness.stub(
        "a",
        aResponse()
            .withHeader("Content-Type", "text/event-stream")
            .withBody(SseBodies.errorEvent(502, "Provider returned error")));
    harness.stub("b", aResponse().withHeader("Content-Type", "text/event-stream").withBody(""));
    harness.stubSuccess("c", true);

    HttpResponse<String> response = harness.chat(body(MODEL, true));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).doesNotContain("Provider returned error").endsWith("data: [DONE]\n\n");
    assertThat(harness.recordOf(response).providerAttempts())
        .extracting(ProviderAttempt::provider, ProviderAttempt::errorType)
        .containsExactly(tuple("a", "stream_error"), tuple("b", "empty_stream"), tuple("c", null));
  }

  @Test
  void onceAChunkReachedTheClientAFailureEndsTheStreamAndIsNeverRetried() {
    harness.stub(
        "a",
        aResponse()
            .withHeader("Content-Type", "text/event-stream")
            .withBody(SseBodies.event("Hel", null) + SseBodies.errorEvent(502, "Provider disconnected")));
    harness.stubSuccess("b", true);

    HttpResponse<String> response = harness.chat(body(MODEL, true));

    assertThat(response.statusCode()).isEqualTo(200);
    List<JsonNode> events = events(response.body());
    assertThat(events.get(0).get("choices").get(0).get("delta").get("content").asText()).isEqualTo("Hel");
    assertThat(response.body()).contains("Provider disconnected").doesNotContain("[DONE]");
    assertThat(harness.calls("b")).isZero();
    UsageRecord record = harness.recordOf(response);
    assertThat(record.attempts()).isEqualTo(1);
    assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
    assertThat(record.providerAttempts().get(0).errorType()).isEqualTo("stream_error");
  }

  @Test
  void aNonRetryableErrorIsReturnedAtOnceWithoutTryingOtherTargets() {
    harness.stub(
        "a",
        aResponse()
            .withStatus(401)
            .withHeader("Content-Type", "application/json")
            .withBody(com.github.tomakehurst.wiremock.common.Json.write(
                java.util.Map.of("error", java.util.Map.of("message", "Incorrect API key", "code", "invalid_api_key")))));
    harness.stubSuccess("b", false);

    HttpResponse<String> response = harness.chat(body(MODEL, false));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response.body()).get("error").get("code").asText()).isEqualTo("invalid_api_key");
    assertThat(harness.calls("b")).isZero();
    assertThat(harness.recordOf(response).providerAttempts())
        .extracting(ProviderAttempt::provider, ProviderAttempt::status)
        .containsExactly(tuple("a", 401));
  }

  @Test
  void whenEveryTargetFailsTheClientGetsTheLastErrorAfterTheRetryRounds() {
    harness.stub("a", aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"a broke\"}}"));

    HttpResponse<String> response = harness.chat(body("test/a-only", false));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json(response.body()).get("error").get("message").asText()).isEqualTo("a broke");
    // the default two retry rounds, with real (short) full-jitter backoff in between
    assertThat(harness.calls("a")).isEqualTo(3);
    assertThat(harness.recordOf(response).attempts()).isEqualTo(3);
  }

  @Test
  void openRouterModelsListFallsBackToTheNextModel() {
    harness.stub("a", aResponse().withStatus(503));
    harness.stubSuccess("c", false);

    HttpResponse<String> response =
        harness.chat(body("test/a-only", false, ",\"models\":[\"" + BACKUP + "\"]"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response.body()).get("model").asText()).isEqualTo(BACKUP);
    assertThat(response.headers().firstValue("x-switchboard-provider")).hasValue("c");
    UsageRecord record = harness.recordOf(response);
    assertThat(record.requestedModel()).isEqualTo("test/a-only");
    assertThat(record.providerAttempts()).extracting(ProviderAttempt::provider).containsExactly("a", "c");
  }

  @Test
  void generationEndpointReturnsTheWholeRecordWithEveryProviderAttempt() {
    harness.stub("a", aResponse().withStatus(429).withBody("{\"error\":{\"message\":\"slow down\"}}"));
    harness.stub("b", aResponse().withStatus(502));
    harness.stubSuccess("c", true);
    HttpResponse<String> response = harness.chat(body(MODEL, true, ",\"user\":\"u-7\""));
    String id = response.headers().firstValue("x-request-id").orElseThrow();
    harness.awaitRecord(id);

    HttpResponse<String> generation = harness.get("/v1/generation?id=" + id);

    assertThat(generation.statusCode()).isEqualTo(200);
    JsonNode data = json(generation.body()).get("data");
    assertThat(data.get("id").asText()).isEqualTo(id);
    assertThat(data.get("provider_name").asText()).isEqualTo("c");
    assertThat(data.get("streamed").asBoolean()).isTrue();
    assertThat(data.get("cancelled").asBoolean()).isFalse();
    assertThat(data.get("external_user").asText()).isEqualTo("u-7");
    assertThat(data.get("native_tokens_prompt").asLong()).isEqualTo(78);
    assertThat(data.get("native_tokens_completion").asLong()).isEqualTo(9);
    assertThat(data.get("tokens_prompt").asLong()).isPositive();
    assertThat(data.get("finish_reason").asText()).isEqualTo("stop");
    assertThat(data.get("latency").asLong()).isGreaterThanOrEqualTo(data.get("generation_time").asLong());
    assertThat(data.get("attempts").asInt()).isEqualTo(3);
    JsonNode responses = data.get("provider_responses");
    assertThat(responses).hasSize(3);
    assertThat(responses.get(0).get("provider_name").asText()).isEqualTo("a");
    assertThat(responses.get(0).get("status").asInt()).isEqualTo(429);
    assertThat(responses.get(1).get("status").asInt()).isEqualTo(502);
    assertThat(responses.get(2).get("error_type").isNull()).isTrue();
  }

  @Test
  void generationEndpointAnswers404ForAnUnknownIdAnd400WithoutOne() {
    assertThat(harness.get("/v1/generation?id=chatcmpl-nope").statusCode()).isEqualTo(404);
    HttpResponse<String> missing = harness.get("/v1/generation");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing.body()).get("error").get("param").asText()).isEqualTo("id");
  }

  @Test
  void concurrentRequestsAllGetAnswersWhileTwoUpstreamsFail() throws Exception {
    harness.stub("a", aResponse().withFault(Fault.EMPTY_RESPONSE));
    harness.stub("b", aResponse().withStatus(503));
    harness.stubSuccess("c", true);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<HttpResponse<String>>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        futures.add(pool.submit(() -> harness.chat(body(MODEL, true))));
      }
      for (var future : futures) {
        HttpResponse<String> response = future.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(harness.calls("c")).isEqualTo(40);
    // the last attempt leaves in-flight when its dispatch completes, just after the client's last
    // byte: wait for it rather than race it
    TargetKey c = new TargetKey("c", "model-c");
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (harness.runtime().monitor().state(c).inFlight() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(harness.runtime().monitor().state(c).inFlight()).isZero();
  }
}

package dev.switchboard.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.gateway.routing.RoutingHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.RoutingConfig;
import dev.switchboard.gateway.api.JsonCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks context windows through the real server: a prompt too long for a target's catalog window
 * skips it for the next, one too long for every target is refused with a 400 naming both sizes,
 * and {@code transforms: ["middle-out"]} trims the middle so that it fits, keeping the ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContextWindowEndToEndTest {
  // openai/gpt-4 has an 8,191-token window; openai/gpt-4o 128,000
  private static final String SMALL_FIRST = "ctx/small-first";
  private static final String SMALL_ONLY = "ctx/small-only";
  private static final String UNKNOWN_FIRST = "ctx/unknown-first";

  @TempDir static Path dir;
  private RoutingHarness harness;

  @BeforeAll
  void start() {
    harness =
        RoutingHarness.builder(dir)
            .routing(RoutingConfig.singleAttempt())
            .route(new ModelRoute(SMALL_FIRST, List.of(
                new RouteTarget("a", "small", "openai/gpt-4"), new RouteTarget("b", "large", "openai/gpt-4o"))))
            .route(new ModelRoute(SMALL_ONLY, List.of(new RouteTarget("a", "small", "openai/gpt-4"))))
            .route(new ModelRoute(UNKNOWN_FIRST, List.of(
                new RouteTarget("a", "unlisted", null), new RouteTarget("b", "large", "openai/gpt-4o"))))
            .start();
  }

  @BeforeEach
  void stubs() {
    harness.resetUpstreams();
    harness.stubSuccess("a", false);
    harness.stubSuccess("b", false);
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  /** Returns a conversation of {@code turns} user/assistant exchanges of about 500 tokens each. */
  private static ObjectNode conversation(String model, int turns) {
    ObjectNode body = JsonCodec.object().put("model", model).put("stream", false);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", "SYSTEM: you are a careful assistant.");
    for (int turn = 0; turn < turns; turn++) {
      messages.addObject().put("role", "user").put("content", "USER " + turn + " " + "x".repeat(1000));
      messages.addObject().put("role", "assistant").put("content", "ASSISTANT " + turn + " " + "y".repeat(1000));
    }
    messages.addObject().put("role", "user").put("content", "LAST QUESTION: what now?");
    return body;
  }

  @Test
  void aShortPromptIsServedByTheFirstTarget() {
    HttpResponse<String> response = harness.chat(conversation(SMALL_FIRST, 2).toString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-switchboard-provider")).contains("a");
  }

  @Test
  void aLongPromptSkipsTheSmallWindowTarget() {
    HttpResponse<String> response = harness.chat(conversation(SMALL_FIRST, 20).toString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-switchboard-provider")).contains("b");
    assertThat(harness.calls("a")).isZero();
    assertThat(response.headers().firstValue("x-switchboard-transforms")).isEmpty();
  }

  @Test
  void aPromptNoTargetCanHoldIsRefusedNamingItsSizeAndTheLargestWindow() {
    HttpResponse<String> response = harness.chat(conversation(SMALL_ONLY, 20).toString());

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = json(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("context_length_exceeded");
    assertThat(error.get("message").asText())
        .contains("about 10", "tokens", "(8191 tokens)", "middle-out");
    assertThat(harness.calls("a")).isZero();
  }

  @Test
  void middleOutTrimsTheMiddleSoThatThePromptFitsAndKeepsTheEnds() {
    ObjectNode body = conversation(SMALL_ONLY, 20);
    body.putArray("transforms").add("middle-out");

    HttpResponse<String> response = harness.chat(body.toString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-switchboard-transforms")).contains("middle-out");
    JsonNode sent = json(harness.upstream("a")
        .findAll(postRequestedFor(urlEqualTo(RoutingHarness.CHAT))).get(0).getBodyAsString());
    JsonNode messages = sent.get("messages");
    assertThat(messages.size()).isLessThan(42);
    assertThat(messages.get(0).get("content").asText()).startsWith("SYSTEM");
    assertThat(messages.get(1).get("content").asText()).startsWith("USER 0 ");
    assertThat(messages.get(messages.size() - 1).get("content").asText()).startsWith("LAST QUESTION");
    assertThat(messages.get(messages.size() - 2).get("content").asText()).startsWith("ASSISTANT 19 ");
    // what remains fits the 8,191-token window with room for the answer (4 chars a token, 4 a message)
    long tokens = 0;
    for (JsonNode message : messages) {
      tokens += (message.get("content").asText().length() + 3) / 4 + 4;
    }
    assertThat(tokens + ContextWindow.MIN_OUTPUT_TOKENS).isLessThanOrEqualTo(8191);
    assertThat(sent.has("transforms")).isFalse();
    assertThat(harness.runtime().counters().middleOutCount()).isPositive();
  }

  @Test
  void aMessagesClientIsRefusedInItsOwnDialect() throws Exception {
    ObjectNode body = JsonCodec.object().put("model", SMALL_ONLY).put("max_tokens", 100);
    body.putArray("messages").addObject().put("role", "user").put("content", "z".repeat(40_000));

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/v1/messages"))
                    .header("Content-Type", "application/json")
                    .header("anthropic-version", "2023-06-01")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode answer = json(response.body());
    assertThat(answer.get("type").asText()).isEqualTo("error");
    assertThat(answer.get("error").get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(answer.get("error").get("message").asText()).contains("(8191 tokens)");
  }

  @Test
  void aTargetWhoseUnknownWindowRefusesThePromptFallsBackToTheNext() {
    harness.stub("a", aResponse().withStatus(400).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens. However, your"
            + " messages resulted in 10342 tokens.\",\"type\":\"invalid_request_error\",\"param\":\"messages\","
            + "\"code\":\"context_length_exceeded\"}}"));

    HttpResponse<String> response = harness.chat(conversation(UNKNOWN_FIRST, 20).toString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-switchboard-provider")).contains("b");
    assertThat(harness.calls("a")).isEqualTo(1);
  }

  @Test
  void anUnknownTransformIsRefused() {
    ObjectNode body = conversation(SMALL_FIRST, 1);
    body.putArray("transforms").add("compress-everything");

    HttpResponse<String> response = harness.chat(body.toString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response.body()).get("error").get("param").asText()).isEqualTo("transforms");
  }
}

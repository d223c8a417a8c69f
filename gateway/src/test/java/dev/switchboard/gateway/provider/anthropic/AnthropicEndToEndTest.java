package dev.switchboard.gateway.provider.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TelemetryConfig;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.UsageRecord;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real server over HTTP with WireMock playing Anthropic's Messages API from recorded
 * payloads; checks what the OpenAI-shaped client sees, what went upstream, and the stored record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnthropicEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "/v1/chat/completions";
  private static final String MESSAGES = "/v1/messages";
  private static final String MODEL = "anthropic/claude-sonnet-4.5";
  private static final String BETA = "prompt-caching-2024-07-31";

  @TempDir static Path storeDir;
  private GatewayHarness harness;
  private JsonNode expected;

  @BeforeAll
  void start() throws Exception {
    harness = new GatewayHarness(storeDir, AnthropicEndToEndTest::config);
    expected =
        JSON.readTree(AnthropicContractTest.read(AnthropicContractTest.DIR + "expected.json"));
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  @BeforeEach
  void resetUpstream() {
    harness.upstream().resetAll();
  }

  static SwitchboardConfig config(int upstreamPort, Path store) {
    ServerConfig server =
        new ServerConfig(
            "127.0.0.1",
            0,
            GatewayHarness.MAX_BODY_BYTES,
            Duration.ofSeconds(2),
            Duration.ofSeconds(2));
    ProviderConfig anthropic =
        new ProviderConfig(
            "anthropic",
            ProviderKind.ANTHROPIC,
            URI.create("http://127.0.0.1:" + upstreamPort + "/v1"),
            SecretRef.parse(GatewayHarness.UPSTREAM_KEY),
            Map.of("anthropic-beta", BETA));
    List<ModelRoute> models =
        List.of(
            new ModelRoute(
                MODEL, List.of(new RouteTarget("anthropic", "claude-sonnet-4-5-20250929", null))));
    TelemetryConfig telemetry = new TelemetryConfig(store, 10_000, 512, Duration.ofMillis(20));
    return new SwitchboardConfig(server, List.of(anthropic), models, telemetry);
  }

  @Test
  void nonStreamingCachedAnswerComesBackInOpenAiShapeAndIsRecordedExactly() throws Exception {
    stub(200, "anthropic-messages-nonstream-cache-write-read.json", "application/json");

    HttpResponse<String> response =
        harness.post(
            CHAT,
            """
{"model":"anthropic/claude-sonnet-4.5","user":"user-42","max_tokens":256,"temperature":0.5,
 "stop":["\\n\\nHuman:"],
 "messages":[{"role":"system","content":"You are terse."},
             {"role":"user","content":"What is Python?"}]}""",
            "X-Title",
            "anthropic-e2e");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("id").asText()).startsWith("chatcmpl-");
    assertThat(body.get("object").asText()).isEqualTo("chat.completion");
    assertThat(body.get("model").asText()).isEqualTo(MODEL);
    assertThat(body.at("/choices/0/message/content").asText())
        .startsWith("Python is a beginner-friendly");
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(1532);
    assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(33);
    assertThat(body.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(1111);
    assertThat(body.at("/usage/prompt_tokens_details/cache_write_tokens").asInt()).isEqualTo(418);

    UsageRecord record = harness.awaitRecord(body.get("id").asText());
    assertRecordMatches(record, "anthropic-messages-nonstream-cache-write-read.json");
    assertThat(record.streamed()).isFalse();
    assertThat(record.app()).isEqualTo("anthropic-e2e");
    assertThat(record.model().author()).isEqualTo("anthropic");
    assertThat(record.costUsd()).isPositive();
    harness
        .upstream()
        .verify(
            postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("x-api-key", equalTo(GatewayHarness.UPSTREAM_KEY))
                .withHeader("anthropic-version", equalTo(AnthropicAdapter.API_VERSION))
                .withHeader("anthropic-beta", equalTo(BETA))
                .withHeader("Authorization", absent())
                .withRequestBody(matchingJsonPath("$.model", equalTo("claude-sonnet-4-5-20250929")))
                .withRequestBody(matchingJsonPath("$.system", equalTo("You are terse.")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user")))
                .withRequestBody(
                    matchingJsonPath("$.messages[0].content[0].text", equalTo("What is Python?")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("256")))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.5")))
                .withRequestBody(matchingJsonPath("$.stop_sequences[0]", equalTo("\n\nHuman:")))
                .withRequestBody(matchingJsonPath("$.metadata.user_id", equalTo("user-42")))
                .withRequestBody(matchingJsonPath("$.stream", absent()))
                .withRequestBody(matchingJsonPath("$.user", absent())));
  }

  @Test
  void thinkingStreamShowsReasoningDeltasThenContentThenStopAndDone() throws Exception {
    stub(200, "anthropic-messages-stream-thinking.sse", "text/event-stream");

    HttpResponse<String> response =
        harness.post(
            CHAT,
            """
{"model":"anthropic/claude-sonnet-4.5","stream":true,"stream_options":{"include_usage":true},
 "reasoning_effort":"low","temperature":0.2,
 "messages":[{"role":"user","content":"How do I cross the street safely?"}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).endsWith("data: [DONE]\n\n");
    List<JsonNode> chunks = dataChunks(response.body());
    assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    int lastReasoning = -1;
    int firstContent = -1;
    for (int i = 0; i < chunks.size(); i++) {
      JsonNode delta = chunks.get(i).at("/choices/0/delta");
      if (delta.has("reasoning")) {
        lastReasoning = i;
      }
      if (firstContent < 0 && !delta.path("content").asText("").isEmpty()) {
        firstContent = i;
      }
    }
    assertThat(lastReasoning).isPositive().isLessThan(firstContent);
    JsonNode finish = chunks.get(chunks.size() - 2);
    assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    JsonNode usage = chunks.get(chunks.size() - 1);
    assertThat(usage.get("choices")).isEmpty();
    assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(43);
    assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(282);
    assertThat(chunks).allSatisfy(c -> assertThat(c.get("model").asText()).isEqualTo(MODEL));

    UsageRecord record = harness.awaitRecord(chunks.get(0).get("id").asText());
    assertRecordMatches(record, "anthropic-messages-stream-thinking.sse");
    assertThat(record.streamed()).isTrue();
    assertThat(record.ttftMs()).isNotNull();
    harness
        .upstream()
        .verify(
            postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Accept", equalTo("text/event-stream"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.thinking.type", equalTo("enabled")))
                .withRequestBody(matchingJsonPath("$.thinking.budget_tokens", equalTo("1024")))
                .withRequestBody(matchingJsonPath("$.temperature", absent()))
                .withRequestBody(matchingJsonPath("$.stream_options", absent())));
  }

  @Test
  void toolUseStreamRelaysToolCallDeltasWithArgumentFragmentsInOrder() throws Exception {
    stub(200, "anthropic-messages-stream-tool-use-sdk-fixture.sse", "text/event-stream");

    HttpResponse<String> response =
        harness.post(
            CHAT,
            """
{"model":"anthropic/claude-sonnet-4.5","stream":true,"tool_choice":"auto",
 "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather",
   "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}],
 "messages":[{"role":"user","content":"What's the weather in Paris?"}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).endsWith("data: [DONE]\n\n");
    List<JsonNode> chunks = dataChunks(response.body());
    assertThat(chunks).allSatisfy(c -> assertThat(c.has("usage")).isFalse());
    List<JsonNode> calls = new ArrayList<>();
    chunks.forEach(c -> c.at("/choices/0/delta/tool_calls").forEach(calls::add));
    assertThat(calls.get(0).get("id").asText()).isEqualTo("toolu_01NRLabsLyVHZPKxbKvkfSMn");
    assertThat(calls.get(0).at("/function/name").asText()).isEqualTo("get_weather");
    assertThat(calls)
        .extracting(c -> c.at("/function/arguments").asText())
        .containsExactly("", "{\"locati", "on\": \"P", "ar", "is\"}");
    assertThat(chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText())
        .isEqualTo("tool_calls");

    UsageRecord record = harness.awaitRecord(chunks.get(0).get("id").asText());
    assertRecordMatches(record, "anthropic-messages-stream-tool-use-sdk-fixture.sse");
    assertThat(record.toolsOffered()).isTrue();
    harness
        .upstream()
        .verify(
            postRequestedFor(urlEqualTo(MESSAGES))
                .withRequestBody(matchingJsonPath("$.tools[0].name", equalTo("get_weather")))
                .withRequestBody(
                    matchingJsonPath("$.tools[0].input_schema.required[0]", equalTo("location")))
                .withRequestBody(matchingJsonPath("$.tool_choice.type", equalTo("auto")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("4096"))));
  }

  @Test
  void upstream400IsReturnedAsInvalidRequestWithTheUpstreamMessage() throws Exception {
    stub(400, "anthropic-error-400-invalid-request.json", "application/json");

    HttpResponse<String> response =
        harness.post(
            CHAT,
            "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("message").asText())
        .isEqualTo(expected.at("/anthropic-error-400-invalid-request.json/error/message").asText());
    assertThat(response.body()).doesNotContain(GatewayHarness.UPSTREAM_KEY);
    UsageRecord record =
        harness.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
    assertThat(record.httpStatus()).isEqualTo(400);
    assertThat(record.finishReason()).isEqualTo(FinishReason.ERROR);
  }

  @Test
  void overloadedUpstreamIs503WithRetryAfter() throws Exception {
    harness
        .upstream()
        .stubFor(
            post(urlEqualTo(MESSAGES))
                .willReturn(
                    aResponse()
                        .withStatus(529)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("retry-after", "3")
                        .withBody(
                            "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}")));

    HttpResponse<String> response =
        harness.post(
            CHAT,
            "{\"model\":\""
                + MODEL
                + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("retry-after")).hasValue("3");
    assertThat(JSON.readTree(response.body()).at("/error/message").asText())
        .isEqualTo("Overloaded");
  }

  @Test
  void midStreamOverloadEndsWithAnErrorChunkNoDoneAndRecordsTheUsageSoFar() throws Exception {
    String tool =
        new String(
            AnthropicContractTest.read(
                AnthropicContractTest.DIR + "anthropic-messages-stream-tool-use-sdk-fixture.sse"));
    // the recorded stream up to its first text delta, then Anthropic's mid-stream error event
    String cut =
        tool.substring(
            0, tool.indexOf("event: content_block_delta", tool.indexOf("\"text\":\"I\"")));
    String body =
        cut
            + "event: error\n"
            + "data:"
            + " {\"type\":\"error\",\"error\":{\"details\":null,\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}\n\n";
    harness
        .upstream()
        .stubFor(
            post(urlEqualTo(MESSAGES))
                .willReturn(
                    aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)));

    HttpResponse<String> response =
        harness.post(
            CHAT,
            "{\"model\":\""
                + MODEL
                + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).doesNotContain("[DONE]");
    List<JsonNode> chunks = dataChunks(response.body());
    assertThat(chunks.get(1).at("/choices/0/delta/content").asText()).isEqualTo("I");
    JsonNode last = chunks.get(chunks.size() - 1);
    assertThat(last.at("/error/type").asText()).isEqualTo("overloaded_error");
    assertThat(last.at("/error/message").asText()).isEqualTo("Overloaded");
    UsageRecord record = harness.awaitRecord(chunks.get(0).get("id").asText());
    assertThat(record.finishReason()).isEqualTo(FinishReason.ERROR);
    assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
    assertThat(record.usage().promptTokens()).isEqualTo(377L);
    assertThat(record.usage().completionTokens())
        .isEqualTo(1L); // message_start's placeholder: all that arrived
  }

  @Test
  void streamCutBeforeMessageStopEndsWithAnError() throws Exception {
    String tool =
        new String(
            AnthropicContractTest.read(
                AnthropicContractTest.DIR + "anthropic-messages-stream-tool-use-sdk-fixture.sse"));
    harness
        .upstream()
        .stubFor(
            post(urlEqualTo(MESSAGES))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody(tool.substring(0, tool.indexOf("event: message_delta")))));

    HttpResponse<String> response =
        harness.post(
            CHAT,
            "{\"model\":\""
                + MODEL
                + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]}");

    assertThat(response.body()).doesNotContain("[DONE]");
    List<JsonNode> chunks = dataChunks(response.body());
    assertThat(chunks.get(chunks.size() - 1).at("/error/code").asText()).isEqualTo("bad_response");
    UsageRecord record = harness.awaitRecord(chunks.get(0).get("id").asText());
    assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
    assertThat(record.toolCalls()).isEqualTo(1);
  }

  @Test
  void requestAnthropicCannotServeIsRefusedWithoutCallingIt() throws Exception {
    HttpResponse<String> response =
        harness.post(
            CHAT,
            "{\"model\":\""
                + MODEL
                + "\",\"n\":3,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("code").asText()).isEqualTo("unsupported_parameter");
    assertThat(harness.upstream().getAllServeEvents()).isEmpty();
  }

  private void assertRecordMatches(UsageRecord record, String fixture) {
    JsonNode want = expected.get(fixture);
    assertThat(record.usage().promptTokens()).isEqualTo(want.get("prompt_tokens").asLong());
    assertThat(record.usage().completionTokens()).isEqualTo(want.get("completion_tokens").asLong());
    assertThat(record.usage().reasoningTokens()).isNull();
    assertThat(want.get("reasoning_tokens").isNull()).isTrue();
    assertThat(record.usage().cachedReadTokens())
        .isEqualTo(want.get("cached_read_tokens").asLong());
    assertThat(record.usage().cacheWriteTokens())
        .isEqualTo(want.get("cache_write_tokens").asLong());
    assertThat(record.toolCalls()).isEqualTo(want.get("tool_calls").asInt());
    assertThat(record.finishReason().wireName()).isEqualTo(want.get("finish_reason").asText());
    assertThat(record.nativeFinishReason()).isEqualTo(want.get("native_finish_reason").asText());
    assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(record.httpStatus()).isEqualTo(200);
    assertThat(record.provider()).isEqualTo("anthropic");
    assertThat(record.requestedModel()).isEqualTo(MODEL);
    assertThat(record.normalizedCompletionTokens()).isPositive();
  }

  private void stub(int status, String fixture, String contentType) {
    harness
        .upstream()
        .stubFor(
            post(urlEqualTo(MESSAGES))
                .willReturn(
                    aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", contentType)
                        .withBody(
                            AnthropicContractTest.read(AnthropicContractTest.DIR + fixture))));
  }

  private static List<JsonNode> dataChunks(String sse) throws Exception {
    List<JsonNode> chunks = new ArrayList<>();
    for (String event : sse.split("\n\n")) {
      if (event.startsWith("data: ") && !event.equals("data: [DONE]")) {
        chunks.add(JSON.readTree(event.substring(6)));
      }
    }
    return chunks;
  }
}

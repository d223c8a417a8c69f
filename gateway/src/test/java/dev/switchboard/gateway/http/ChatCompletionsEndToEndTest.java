package dev.switchboard.gateway.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.UsageRecord;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives the real server over HTTP with WireMock replaying recorded provider payloads, and checks
 * both what the client sees and the usage record stored in DuckDB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatCompletionsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "/v1/chat/completions";

  @TempDir static Path storeDir;
  private GatewayHarness harness;
  private JsonNode expected;

  @BeforeAll
  void start() throws Exception {
    harness = new GatewayHarness(storeDir);
    expected = JSON.readTree(GatewayHarness.fixture("expected.json"));
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  @BeforeEach
  void resetUpstream() {
    harness.upstream().resetAll();
  }

  static Stream<String> successFixtures() {
    return Stream.of(
        "openai-chat-nonstream-reasoning.json",
        "openrouter-nonstream-usage-cost.json",
        "qwen-dashscope-nonstream-tool-call.json",
        "ollama-v1-local-nonstream.json",
        "openai-chat-stream-text-usage.sse",
        "openai-chat-stream-tool-call-usage.sse",
        "deepseek-reasoner-stream-usage.sse",
        "openrouter-stream-processing-comments-usage-cost.sse",
        "groq-stream-x-groq-usage.sse",
        "xai-chat-stream-reasoning-content.sse",
        "zai-glm-stream-thinking.sse",
        "mistral-stream-tool-call.chunks.jsonl");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("successFixtures")
  void recordsExactlyTheTokensTheProviderReported(String fixture) throws Exception {
    boolean stream = !fixture.endsWith(".json");
    stubUpstream(200, fixture, stream);

    HttpResponse<String> response =
        harness.post(CHAT, chatBody("openai/gpt-4o-mini", stream, false), "X-Title", "e2e-suite");

    assertThat(response.statusCode()).isEqualTo(200);
    String id = stream ? streamId(response.body()) : JSON.readTree(response.body()).get("id").asText();
    UsageRecord record = harness.awaitRecord(id);
    JsonNode want = expected.get(fixture);
    assertThat(record.usage().promptTokens()).isEqualTo(want.get("prompt_tokens").asLong());
    assertThat(record.usage().completionTokens()).isEqualTo(want.get("completion_tokens").asLong());
    assertThat(record.usage().reasoningTokens())
        .isEqualTo(want.get("reasoning_tokens").isNull() ? null : want.get("reasoning_tokens").asLong());
    assertThat(record.usage().cachedReadTokens()).isEqualTo(want.get("cached_read_tokens").asLong());
    assertThat(record.usage().cacheWriteTokens()).isEqualTo(want.get("cache_write_tokens").asLong());
    assertThat(record.toolCalls()).isEqualTo(want.get("tool_calls").asInt());
    assertThat(record.finishReason().wireName()).isEqualTo(want.get("finish_reason").asText());
    assertThat(record.nativeFinishReason()).isEqualTo(want.get("native_finish_reason").asText());
    assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(record.httpStatus()).isEqualTo(200);
    assertThat(record.streamed()).isEqualTo(stream);
    assertThat(record.requestedModel()).isEqualTo("openai/gpt-4o-mini");
    assertThat(record.provider()).isEqualTo("mock");
    assertThat(record.app()).isEqualTo("e2e-suite");
    assertThat(record.endUser()).isEqualTo("user-42");
    assertThat(record.model().author()).isEqualTo("openai");
    assertThat(record.model().openWeights()).isFalse();
    assertThat(record.normalizedPromptTokens()).isPositive();
    assertThat(record.costUsd()).isPositive();
    assertThat(record.latencyMs()).isNotNegative();
  }

  @Test
  void nonStreamingAnswerCarriesEveryFieldOpenAiClientsRead() throws Exception {
    stubUpstream(200, "openai-chat-nonstream-reasoning.json", false);

    HttpResponse<String> response = harness.post(CHAT, chatBody("openai/o3-mini", false, false));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("id").asText()).startsWith("chatcmpl-");
    assertThat(body.get("object").asText()).isEqualTo("chat.completion");
    assertThat(body.get("created").isNumber()).isTrue();
    assertThat(body.get("model").asText()).isEqualTo("openai/o3-mini");
    assertThat(body.get("system_fingerprint").isTextual()).isTrue();
    JsonNode choice = body.get("choices").get(0);
    assertThat(choice.get("index").asInt()).isZero();
    assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
    assertThat(choice.has("logprobs")).isTrue();
    assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
    assertThat(body.get("usage").get("completion_tokens_details").get("reasoning_tokens").asInt())
        .isEqualTo(1792);

    UsageRecord record = harness.awaitRecord(body.get("id").asText());
    assertThat(record.usage().reasoningTokens()).isEqualTo(1792L);
    assertThat(record.model().catalogId()).isEqualTo("openai/o3-mini");
    assertThat(record.model().reasoning()).isTrue();
    // the upstream got the provider's model name and the configured key, not the client's
    harness
        .upstream()
        .verify(
            postRequestedFor(urlEqualTo(CHAT))
                .withHeader("Authorization", equalTo("Bearer " + GatewayHarness.UPSTREAM_KEY))
                .withRequestBody(matchingJsonPath("$.model", equalTo("o3-mini"))));
  }

  @Test
  void streamAlwaysAsksUpstreamForUsageButHidesItFromClientsThatDidNotAsk() throws Exception {
    stubUpstream(200, "openai-chat-stream-text-usage.sse", true);

    HttpResponse<String> response = harness.post(CHAT, chatBody("openai/gpt-4o-mini", true, false));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    List<JsonNode> chunks = dataChunks(response.body());
    assertThat(chunks).allSatisfy(chunk -> {
      assertThat(chunk.has("usage")).isFalse();
      assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(chunk.get("system_fingerprint").isTextual()).isTrue();
      assertThat(chunk.get("model").asText()).isEqualTo("openai/gpt-4o-mini");
    });
    assertThat(chunks).extracting(c -> c.get("id").asText()).containsOnly(chunks.get(0).get("id").asText());
    assertThat(response.body()).endsWith("data: [DONE]\n\n");
    harness
        .upstream()
        .verify(
            postRequestedFor(urlEqualTo(CHAT))
                .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true"))));
    UsageRecord record = harness.awaitRecord(chunks.get(0).get("id").asText());
    assertThat(record.usage().promptTokens()).isEqualTo(78L);
    assertThat(record.ttftMs()).isNotNull();
  }

  @Test
  void streamPassesUsageChunkToClientsThatAskedForIt() throws Exception {
    stubUpstream(200, "openai-chat-stream-text-usage.sse", true);

    HttpResponse<String> response = harness.post(CHAT, chatBody("openai/gpt-4o-mini", true, true));

    List<JsonNode> chunks = dataChunks(response.body());
    JsonNode last = chunks.get(chunks.size() - 1);
    assertThat(last.get("choices")).isEmpty();
    assertThat(last.get("usage").get("prompt_tokens").asInt()).isEqualTo(78);
    assertThat(last.get("usage").get("completion_tokens").asInt()).isEqualTo(9);
    assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c.get("usage").isNull()).isTrue());
  }

  @Test
  void streamSynthesizesTheUsageChunkWhenTheUpstreamReportsUsageElsewhere() throws Exception {
    stubUpstream(200, "groq-stream-x-groq-usage.sse", true);

    HttpResponse<String> response = harness.post(CHAT, chatBody("openai/gpt-4o-mini", true, true));

    List<JsonNode> chunks = dataChunks(response.body());
    JsonNode last = chunks.get(chunks.size() - 1);
    assertThat(last.get("choices")).isEmpty();
    assertThat(last.get("usage").get("prompt_tokens").asInt()).isEqualTo(21);
    assertThat(last.get("usage").get("completion_tokens").asInt()).isEqualTo(988);
    assertThat(last.get("usage").get("total_tokens").asInt()).isEqualTo(1009);
  }

  @Test
  void upstream401IsReturnedWithTheProvidersMessageAndRecorded() throws Exception {
    stubUpstream(401, "openai-chat-error-401-invalid-api-key.json", false);

    HttpResponse<String> response = harness.post(CHAT, chatBody("openai/gpt-4o-mini", false, false));

    assertThat(response.statusCode()).isEqualTo(401);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("invalid_api_key");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("message").asText()).contains("Incorrect API key");
    assertThat(response.body()).doesNotContain(GatewayHarness.UPSTREAM_KEY);
    UsageRecord record = onlyRecordAfter(response);
    assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
    assertThat(record.httpStatus()).isEqualTo(401);
    assertThat(record.finishReason()).isEqualTo(FinishReason.ERROR);
    assertThat(record.usage().promptTokens()).isNull();
  }

  @Test
  void upstream429KeepsStatusAndRetryAfter() throws Exception {
    harness.upstream().stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse()
        .withStatus(429)
        .withHeader("Content-Type", "application/json")
        .withHeader("retry-after", "7")
        .withBody(GatewayHarness.fixture("openai-chat-error-429-tpm-request-too-large.json"))));

    HttpResponse<String> response = harness.post(CHAT, chatBody("openai/gpt-4o-mini", true, false));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).hasValue("7");
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(error.get("message").asText()).contains("tokens per min");
    assertThat(onlyRecordAfter(response).httpStatus()).isEqualTo(429);
  }

  @Test
  void upstream500BecomesServerError() throws Exception {
    harness.upstream().stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse()
        .withStatus(500)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}")));

    HttpResponse<String> response = harness.post(CHAT, chatBody("openai/gpt-4o-mini", false, false));

    assertThat(response.statusCode()).isEqualTo(500);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("server_error");
    assertThat(error.get("message").asText()).contains("server had an error");
    assertThat(onlyRecordAfter(response).outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
  }

  @Test
  void unreachableUpstreamIs502AndSlowUpstreamIs504() throws Exception {
    HttpResponse<String> unreachable = harness.post(CHAT, chatBody("dead/model", false, false));
    assertThat(unreachable.statusCode()).isEqualTo(502);
    assertThat(JSON.readTree(unreachable.body()).get("error").get("code").asText()).isEqualTo("upstream_unreachable");

    harness.upstream().stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse()
        .withFixedDelay(4_000)
        .withHeader("Content-Type", "application/json")
        .withBody(GatewayHarness.fixture("ollama-v1-local-nonstream.json"))));
    HttpResponse<String> slow = harness.post(CHAT, chatBody("openai/gpt-4o-mini", false, false));
    assertThat(slow.statusCode()).isEqualTo(504);
    assertThat(JSON.readTree(slow.body()).get("error").get("code").asText()).isEqualTo("upstream_timeout");
  }

  @Test
  void missingProviderKeyIsAServerErrorNamingTheVariableOnlyWhenUsed() throws Exception {
    HttpResponse<String> response = harness.post(CHAT, chatBody("unset/model", false, false));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(response.body()).get("error").get("message").asText())
        .contains("SWITCHBOARD_TEST_SURELY_UNSET_VAR");
  }

  @Test
  void midStreamErrorEndsTheStreamWithAnErrorEventAndNoDone() throws Exception {
    String body =
        "data: {\"id\":\"gen-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"gen-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"error\":{\"code\":502,\"message\":\"Provider disconnected\"},\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}\n\n";
    harness.upstream().stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse()
        .withHeader("Content-Type", "text/event-stream")
        .withBody(body)));

    HttpResponse<String> response = harness.post(CHAT, chatBody("openai/gpt-4o-mini", true, false));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).doesNotContain("[DONE]").contains("Provider disconnected");
    UsageRecord record = harness.awaitRecord(streamId(response.body()));
    assertThat(record.finishReason()).isEqualTo(FinishReason.ERROR);
    assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
  }

  @Test
  void malformedJsonIs400AndRecorded() throws Exception {
    long before = harness.gateway().store().count();
    HttpResponse<String> response = harness.post(CHAT, "{\"model\": \"openai/gpt-4o-mini\", \"messages\": [");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("code").asText()).isEqualTo("invalid_json");
    harness.awaitRecordCount(before + 1);
  }

  @Test
  void missingMessagesIs400NamingTheParameter() throws Exception {
    HttpResponse<String> response = harness.post(CHAT, "{\"model\":\"openai/gpt-4o-mini\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("param").asText()).isEqualTo("messages");
    assertThat(error.get("message").asText()).contains("messages");
  }

  @Test
  void unknownModelIs404ModelNotFound() throws Exception {
    HttpResponse<String> response = harness.post(CHAT, chatBody("nobody/no-such-model", false, false));

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("model_not_found");
    assertThat(error.get("message").asText()).contains("nobody/no-such-model");
    assertThat(harness.upstream().getAllServeEvents()).isEmpty();
  }

  @Test
  void oversizeBodyIs413() throws Exception {
    String huge = "x".repeat((int) GatewayHarness.MAX_BODY_BYTES + 10);
    String body = "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + huge + "\"}]}";

    HttpResponse<String> response = harness.post(CHAT, body);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(response.body()).get("error").get("code").asText()).isEqualTo("request_too_large");
    assertThat(harness.upstream().getAllServeEvents()).isEmpty();
    UsageRecord record = onlyRecordAfter(response);
    assertThat(record.outcome()).isEqualTo(Outcome.CLIENT_ERROR);
    assertThat(record.httpStatus()).isEqualTo(413);
  }

  @Test
  void clientThatHangsUpMidStreamIsRecordedAsCancelledWithWhatArrived() throws Exception {
    // the upstream dribbles the recorded stream over 4 s; the client leaves after the first event
    harness.upstream().stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse()
        .withHeader("Content-Type", "text/event-stream")
        .withBody(GatewayHarness.fixture("deepseek-reasoner-stream-usage.sse"))
        .withChunkedDribbleDelay(40, 4_000)));
    java.net.http.HttpClient http1 =
        java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(harness.baseUrl() + CHAT))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(chatBody("deepseek/deepseek-r1", true, false)))
            .build();

    HttpResponse<java.io.InputStream> response =
        http1.send(request, HttpResponse.BodyHandlers.ofInputStream());
    String id = response.headers().firstValue("x-request-id").orElseThrow();
    try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(in.readLine()).startsWith("data: ");
    }

    UsageRecord record = harness.awaitRecord(id);
    assertThat(record.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(record.streamed()).isTrue();
    assertThat(record.model().openWeights()).isTrue();
    assertThat(record.model().originCountry()).isEqualTo("CN");
  }

  @Test
  void modelWithoutCatalogEntryStillWorksWithUnknownMetadata() throws Exception {
    stubUpstream(200, "ollama-v1-local-nonstream.json", false);

    HttpResponse<String> response = harness.post(CHAT, chatBody("local/unlisted", false, false));

    assertThat(response.statusCode()).isEqualTo(200);
    UsageRecord record = harness.awaitRecord(JSON.readTree(response.body()).get("id").asText());
    assertThat(record.usage().promptTokens()).isEqualTo(136L);
    assertThat(record.model().author()).isNull();
    assertThat(record.costUsd()).isNull();
  }

  private void stubUpstream(int status, String fixture, boolean stream) {
    byte[] body = GatewayHarness.fixture(fixture);
    if (fixture.endsWith(".chunks.jsonl")) {
      StringBuilder sse = new StringBuilder();
      for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          sse.append("data: ").append(line).append("\n\n");
        }
      }
      body = sse.toString().getBytes(StandardCharsets.UTF_8);
    }
    harness.upstream().stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse()
        .withStatus(status)
        .withHeader("Content-Type", stream ? "text/event-stream" : "application/json")
        .withBody(body)));
  }

  private UsageRecord onlyRecordAfter(HttpResponse<String> response) {
    // every answer, errors included, names its record in x-request-id
    String id = response.headers().firstValue("x-request-id").orElseThrow();
    return harness.awaitRecord(id);
  }

  private static String chatBody(String model, boolean stream, boolean includeUsage) {
    String options = includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "";
    return "{\"model\":\"" + model + "\",\"stream\":" + stream + options
        + ",\"user\":\"user-42\",\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},"
        + "{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}";
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

  private static String streamId(String sse) throws Exception {
    return dataChunks(sse).get(0).get("id").asText();
  }
}

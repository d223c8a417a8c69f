package dev.switchboard.gateway.provider.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.RoutingConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TelemetryConfig;
import dev.switchboard.gateway.Gateway;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.UsageRecord;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real gateway over HTTP with WireMock playing the Gemini API (recorded payloads), and
 * checks what the client sees, what was sent upstream, and the usage record stored in DuckDB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeminiEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "/v1/chat/completions";
  private static final String KEY = "AIzaSyTest-upstream-key-0123456789";
  private static final String FLASH = "/v1beta/models/gemini-2.0-flash:generateContent";
  private static final String PRO_STREAM = "/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse";
  private static final JsonNode EXPECTED = GeminiFixtures.expected();

  @TempDir static Path storeDir;
  private final WireMockServer upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Vertx vertx;
  private Gateway gateway;

  @BeforeAll
  void start() throws Exception {
    upstream.start();
    ProviderConfig google =
        new ProviderConfig(
            "google",
            ProviderKind.GEMINI,
            URI.create("http://127.0.0.1:" + upstream.port() + "/v1beta"),
            SecretRef.parse(KEY),
            Map.of());
    List<ModelRoute> models =
        List.of(
            new ModelRoute("google/gemini-2.0-flash-001", List.of(new RouteTarget("google", "gemini-2.0-flash", null))),
            new ModelRoute("google/gemini-2.5-pro", List.of(new RouteTarget("google", "models/gemini-2.5-pro", null))));
    SwitchboardConfig config =
        new SwitchboardConfig(
            new ServerConfig("127.0.0.1", 0, 64 * 1024, Duration.ofSeconds(2), Duration.ofSeconds(2)),
            List.of(google),
            models,
            new TelemetryConfig(storeDir.resolve("usage.duckdb"), 10_000, 512, Duration.ofMillis(20)))
            // one attempt, no breakers: each test looks at one upstream answer
            .withRouting(RoutingConfig.singleAttempt());
    vertx = Vertx.vertx();
    gateway = Gateway.start(vertx, config, Clock.systemUTC()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() throws Exception {
    gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    vertx.close();
    upstream.stop();
  }

  @BeforeEach
  void resetUpstream() {
    upstream.resetAll();
  }

  @Test
  void functionCallAnswerReachesTheClientAsOpenAiToolCallsAndIsRecorded() throws Exception {
    stub(FLASH, 200, "gemini-nonstream-function-call.json", "application/json");

    HttpResponse<String> response = chat("""
        {"model":"google/gemini-2.0-flash-001","user":"user-7","max_tokens":64,
         "messages":[{"role":"system","content":"You are terse."},
                     {"role":"user","content":"Which country am I in?"}],
         "tools":[{"type":"function","function":{"name":"get_user_country","description":"Country of the user",
           "parameters":{"type":"object","properties":{},"additionalProperties":false}}}],
         "tool_choice":"auto"}""");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("id").asText()).startsWith("chatcmpl-");
    assertThat(body.get("object").asText()).isEqualTo("chat.completion");
    assertThat(body.get("model").asText()).isEqualTo("google/gemini-2.0-flash-001");
    JsonNode choice = body.get("choices").get(0);
    assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(choice.at("/message/content").isNull()).isTrue();
    JsonNode call = choice.at("/message/tool_calls/0");
    assertThat(call.get("id").asText()).startsWith("call_");
    assertThat(call.get("type").asText()).isEqualTo("function");
    assertThat(call.at("/function/name").asText()).isEqualTo("get_user_country");
    assertThat(call.at("/function/arguments").asText()).isEqualTo("{}");
    assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(33);

    UsageRecord record = awaitRecord(body.get("id").asText());
    assertMatchesExpected(record, "gemini-nonstream-function-call.json");
    assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(record.streamed()).isFalse();
    assertThat(record.provider()).isEqualTo("google");
    assertThat(record.servedModel()).isEqualTo("gemini-2.0-flash");
    assertThat(record.toolsOffered()).isTrue();
    assertThat(record.endUser()).isEqualTo("user-7");
    assertThat(record.model().author()).isEqualTo("google");

    upstream.verify(
        postRequestedFor(urlEqualTo(FLASH)) // exact URL: no ?key= query
            .withHeader("x-goog-api-key", equalTo(KEY))
            .withHeader("Authorization", absent())
            .withRequestBody(matchingJsonPath("$.systemInstruction.parts[0].text", equalTo("You are terse.")))
            .withRequestBody(matchingJsonPath("$.contents[0].role", equalTo("user")))
            .withRequestBody(matchingJsonPath("$.contents[0].parts[0].text", equalTo("Which country am I in?")))
            .withRequestBody(matchingJsonPath("$.tools[0].functionDeclarations[0].name", equalTo("get_user_country")))
            .withRequestBody(matchingJsonPath("$.toolConfig.functionCallingConfig.mode", equalTo("AUTO")))
            .withRequestBody(matchingJsonPath("$.generationConfig.maxOutputTokens", equalTo("64"))));
    JsonNode sent = JSON.readTree(upstream.getAllServeEvents().get(0).getRequest().getBodyAsString());
    assertThat(sent.has("messages")).isFalse();
    assertThat(sent.has("model")).isFalse();
    assertThat(sent.at("/tools/0/functionDeclarations/0").has("parameters")).isFalse();
  }

  @Test
  void thoughtStreamGivesReasoningThenContentThenUsageThenDone() throws Exception {
    stub(PRO_STREAM, 200, "gemini-stream-thought-parts.sse", "text/event-stream");

    HttpResponse<String> response = chat("""
        {"model":"google/gemini-2.5-pro","stream":true,"stream_options":{"include_usage":true},
         "reasoning_effort":"high","messages":[{"role":"user","content":"How do I cross the street safely?"}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    assertThat(response.body()).endsWith("data: [DONE]\n\n");
    List<JsonNode> chunks = dataChunks(response.body());
    assertThat(chunks).allSatisfy(c -> {
      assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(c.get("model").asText()).isEqualTo("google/gemini-2.5-pro");
      assertThat(c.get("id").asText()).isEqualTo(chunks.get(0).get("id").asText());
    });
    assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");

    StringBuilder reasoning = new StringBuilder();
    StringBuilder content = new StringBuilder();
    boolean contentStarted = false;
    for (JsonNode chunk : chunks.subList(0, chunks.size() - 1)) {
      JsonNode delta = chunk.at("/choices/0/delta");
      if (delta.has("reasoning")) {
        assertThat(contentStarted).as("reasoning comes before content").isFalse();
        reasoning.append(delta.get("reasoning").asText());
      }
      if (delta.has("content")) {
        contentStarted = true;
        content.append(delta.get("content").asText());
      }
      assertThat(chunk.get("usage").isNull()).isTrue();
    }
    assertThat(reasoning.codePoints().count()).isEqualTo(1575);
    assertThat(content.codePoints().count()).isEqualTo(1938);
    assertThat(chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    JsonNode usageChunk = chunks.get(chunks.size() - 1);
    assertThat(usageChunk.get("choices")).isEmpty();
    assertThat(usageChunk.at("/usage/prompt_tokens").asInt()).isEqualTo(34);
    assertThat(usageChunk.at("/usage/completion_tokens").asInt()).isEqualTo(1256);
    assertThat(usageChunk.at("/usage/completion_tokens_details/reasoning_tokens").asInt()).isEqualTo(787);

    UsageRecord record = awaitRecord(chunks.get(0).get("id").asText());
    assertMatchesExpected(record, "gemini-stream-thought-parts.sse");
    assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(record.streamed()).isTrue();
    assertThat(record.ttftMs()).isNotNull();
    assertThat(record.servedModel()).isEqualTo("gemini-2.5-pro");

    upstream.verify(
        postRequestedFor(urlEqualTo(PRO_STREAM))
            .withHeader("x-goog-api-key", equalTo(KEY))
            .withRequestBody(matchingJsonPath("$.generationConfig.thinkingConfig.thinkingBudget", equalTo("24576")))
            .withRequestBody(matchingJsonPath("$.generationConfig.thinkingConfig.includeThoughts", equalTo("true"))));
  }

  @Test
  void streamHidesTheUsageChunkFromClientsThatDidNotAskForIt() throws Exception {
    stub(PRO_STREAM, 200, "gemini-stream-thought-parts.sse", "text/event-stream");

    HttpResponse<String> response = chat("""
        {"model":"google/gemini-2.5-pro","stream":true,"messages":[{"role":"user","content":"Cross the street?"}]}""");

    List<JsonNode> chunks = dataChunks(response.body());
    assertThat(chunks).allSatisfy(c -> {
      assertThat(c.has("usage")).isFalse();
      assertThat(c.get("choices")).isNotEmpty();
    });
    assertThat(response.body()).endsWith("data: [DONE]\n\n");
    assertThat(awaitRecord(chunks.get(0).get("id").asText()).usage().completionTokens()).isEqualTo(1256L);
  }

  @Test
  void errorEventMidStreamReachesTheClientAsAnErrorEventWithoutDone() throws Exception {
    String body =
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Look left\"}],\"role\": \"model\"},"
            + "\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 9,\"candidatesTokenCount\": 2,"
            + "\"totalTokenCount\": 11},\"modelVersion\": \"gemini-2.5-pro\"}\r\n\r\n"
            + "data: {\"error\": {\"code\": 503,\"message\": \"The model is overloaded. Please try again later.\","
            + "\"status\": \"UNAVAILABLE\"}}\r\n\r\n";
    upstream.stubFor(post(urlEqualTo(PRO_STREAM)).willReturn(aResponse()
        .withHeader("Content-Type", "text/event-stream")
        .withBody(body)));

    HttpResponse<String> response = chat("""
        {"model":"google/gemini-2.5-pro","stream":true,"messages":[{"role":"user","content":"Cross?"}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).doesNotContain("[DONE]");
    List<JsonNode> chunks = dataChunks(response.body());
    assertThat(chunks.get(0).at("/choices/0/delta/content").asText()).isEqualTo("Look left");
    JsonNode error = chunks.get(chunks.size() - 1).get("error");
    assertThat(error.get("message").asText()).isEqualTo("The model is overloaded. Please try again later.");
    assertThat(error.get("code").asText()).isEqualTo("UNAVAILABLE");
    UsageRecord record = awaitRecord(chunks.get(0).get("id").asText());
    assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
    assertThat(record.finishReason()).isEqualTo(FinishReason.ERROR);
    assertThat(record.usage().promptTokens()).isEqualTo(9L);
  }

  @Test
  void rateLimitIs429WithRetryAfterFromRetryInfoAndGeminisMessage() throws Exception {
    stub(FLASH, 429, "gemini-error-429-resource-exhausted.json", "application/json");

    HttpResponse<String> response = chat("""
        {"model":"google/gemini-2.0-flash-001","messages":[{"role":"user","content":"hi"}]}""");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).hasValue("35");
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("message").asText()).isEqualTo("You exceeded your current quota, please check your plan.");
    assertThat(error.get("type").asText()).isEqualTo("rate_limit_error");
    assertThat(error.get("code").asText()).isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(response.body()).doesNotContain(KEY);
    UsageRecord record = awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.httpStatus()).isEqualTo(429);
    assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
    assertThat(record.finishReason()).isEqualTo(FinishReason.ERROR);
    assertThat(record.usage().promptTokens()).isNull();
  }

  @Test
  void rateLimitOnAStreamIsAlso429BeforeAnyByte() throws Exception {
    stub(PRO_STREAM, 429, "gemini-error-429-resource-exhausted.json", "application/json");

    HttpResponse<String> response = chat("""
        {"model":"google/gemini-2.5-pro","stream":true,"messages":[{"role":"user","content":"hi"}]}""");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).hasValue("35");
    assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("RESOURCE_EXHAUSTED");
  }

  @Test
  void blockedPromptFinishesWithContentFilter() throws Exception {
    stub(FLASH, 200, "gemini-nonstream-prompt-blocked-safety.json", "application/json");

    HttpResponse<String> response = chat("""
        {"model":"google/gemini-2.0-flash-001","messages":[{"role":"user","content":"something harmful"}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
    assertThat(body.at("/choices/0/message/content").asText()).isEmpty();
    UsageRecord record = awaitRecord(body.get("id").asText());
    assertMatchesExpected(record, "gemini-nonstream-prompt-blocked-safety.json");
  }

  @Test
  void toolLoopSendsTheCallBackWithItsSignatureAndTheResultByName() throws Exception {
    upstream.stubFor(post(urlEqualTo(FLASH)).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"You are in France.\"}],\"role\":\"model\"},"
            + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":52,\"candidatesTokenCount\":5,"
            + "\"totalTokenCount\":57},\"modelVersion\":\"gemini-2.0-flash\",\"responseId\":\"r2\"}")));

    HttpResponse<String> response = chat("""
        {"model":"google/gemini-2.0-flash-001","messages":[
          {"role":"user","content":"Which country am I in?"},
          {"role":"assistant","content":null,"tool_calls":[{"id":"call_r1_0","type":"function",
            "function":{"name":"get_user_country","arguments":"{}"},
            "extra_content":{"google":{"thought_signature":"c2lnbmF0dXJl"}}}]},
          {"role":"tool","tool_call_id":"call_r1_0","content":"FR"}],
         "tools":[{"type":"function","function":{"name":"get_user_country","parameters":{"type":"object","properties":{}}}}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).at("/choices/0/message/content").asText()).isEqualTo("You are in France.");
    upstream.verify(
        postRequestedFor(urlEqualTo(FLASH))
            .withRequestBody(matchingJsonPath("$.contents[1].role", equalTo("model")))
            .withRequestBody(matchingJsonPath("$.contents[1].parts[0].functionCall.name", equalTo("get_user_country")))
            .withRequestBody(matchingJsonPath("$.contents[1].parts[0].thoughtSignature", equalTo("c2lnbmF0dXJl")))
            .withRequestBody(matchingJsonPath("$.contents[2].role", equalTo("user")))
            .withRequestBody(matchingJsonPath("$.contents[2].parts[0].functionResponse.name", equalTo("get_user_country")))
            .withRequestBody(matchingJsonPath("$.contents[2].parts[0].functionResponse.response.output", equalTo("FR"))));
  }

  @Test
  void malformedFunctionCallAnswerIsRecordedAsAnUpstreamErrorNotASuccess() throws Exception {
    upstream.stubFor(post(urlEqualTo(FLASH)).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"candidates\":[{\"content\":{\"parts\":[],\"role\":\"model\"},"
            + "\"finishReason\":\"MALFORMED_FUNCTION_CALL\",\"index\":0}],\"usageMetadata\":"
            + "{\"promptTokenCount\":40,\"totalTokenCount\":40},\"modelVersion\":\"gemini-2.0-flash\"}")));

    HttpResponse<String> response = chat("""
        {"model":"google/gemini-2.0-flash-001","messages":[{"role":"user","content":"Book a table"}],
         "tools":[{"type":"function","function":{"name":"book","parameters":{"type":"object","properties":{}}}}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("error");
    UsageRecord record = awaitRecord(body.get("id").asText());
    assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
    assertThat(record.nativeFinishReason()).isEqualTo("MALFORMED_FUNCTION_CALL");
    assertThat(record.usage().promptTokens()).isEqualTo(40L);
  }

  @Test
  void requestGeminiCannotExpressIs400AndNeverSent() throws Exception {
    HttpResponse<String> response = chat("""
        {"model":"google/gemini-2.0-flash-001","messages":[{"role":"user","content":"hi"},
          {"role":"tool","tool_call_id":"call_nowhere","content":"42"}]}""");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("message").asText()).contains("call_nowhere");
    upstream.verify(0, anyRequestedFor(anyUrl()));
  }

  private void stub(String url, int status, String fixture, String contentType) {
    upstream.stubFor(post(urlEqualTo(url)).willReturn(aResponse()
        .withStatus(status)
        .withHeader("Content-Type", contentType)
        .withBody(GeminiFixtures.bytes(fixture))));
  }

  private static void assertMatchesExpected(UsageRecord record, String fixture) {
    JsonNode want = EXPECTED.get(fixture);
    assertThat(record.usage().promptTokens()).isEqualTo(want.get("prompt_tokens").asLong());
    assertThat(record.usage().completionTokens()).isEqualTo(want.get("completion_tokens").asLong());
    assertThat(record.usage().reasoningTokens()).isEqualTo(want.get("reasoning_tokens").asLong());
    assertThat(record.usage().cachedReadTokens()).isEqualTo(want.get("cached_read_tokens").asLong());
    assertThat(record.usage().cacheWriteTokens()).isEqualTo(want.get("cache_write_tokens").asLong());
    assertThat(record.toolCalls()).isEqualTo(want.get("tool_calls").asInt());
    assertThat(record.finishReason().wireName()).isEqualTo(want.get("finish_reason").asText());
    assertThat(record.nativeFinishReason()).isEqualTo(want.get("native_finish_reason").asText());
  }

  private HttpResponse<String> chat(String json) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + CHAT))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private UsageRecord awaitRecord(String id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Optional<UsageRecord> record = gateway.store().findById(id);
      if (record.isPresent()) {
        return record.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("usage record " + id + " was not written within 10 s");
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

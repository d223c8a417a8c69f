package dev.switchboard.gateway.dialect.messages;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.SecretRef;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.telemetry.UsageRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Speaks Anthropic's Messages API to the real server, with WireMock playing an Anthropic, an
 * OpenAI-compatible and a Gemini upstream from recorded payloads: same-dialect answers come back
 * verbatim, other families are translated both ways, and every request is recorded with its API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagesDialectEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLAUDE = "anthropic/claude-sonnet-4.5";
  private static final String ANTHROPIC_UPSTREAM = "/anthropic/v1/messages";
  private static final String CHAT_UPSTREAM = "/v1/chat/completions";
  private static final String GEMINI_STREAM =
      "/gemini/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse";
  private static final String BETAS = "claude-code-20250219,context-management-2025-06-27";

  @TempDir static Path storeDir;
  private GatewayHarness harness;

  @BeforeAll
  void start() {
    harness =
        new GatewayHarness(
            storeDir,
            root ->
                new GatewayHarness.Extra(
                    List.of(
                        new ProviderConfig("claude", ProviderKind.ANTHROPIC, URI.create(root + "/anthropic/v1"),
                            SecretRef.parse(GatewayHarness.UPSTREAM_KEY), Map.of()),
                        new ProviderConfig("google", ProviderKind.GEMINI, URI.create(root + "/gemini/v1beta"),
                            SecretRef.parse(GatewayHarness.UPSTREAM_KEY), Map.of())),
                    List.of(
                        new ModelRoute(CLAUDE, List.of(new RouteTarget("claude", "claude-sonnet-4-5-20250929", null))),
                        new ModelRoute("google/gemini-2.5-pro", List.of(new RouteTarget("google", "gemini-2.5-pro", null))))));
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  @BeforeEach
  void resetUpstream() {
    harness.upstream().resetAll();
  }

  @Test
  void anthropicUpstreamGetsTheClientsOwnBodyAndItsAnswerComesBackVerbatim() throws Exception {
    stub(ANTHROPIC_UPSTREAM, "anthropic/anthropic-messages-nonstream-cache-write-read.json", "application/json");

    HttpResponse<String> response =
        harness.post(
            "/v1/messages?beta=true",
            """
            {"model":"anthropic/claude-sonnet-4.5","max_tokens":1024,
             "system":[{"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":[{"type":"text","text":"What is Python?",
                          "cache_control":{"type":"ephemeral","ttl":"1h"}}]}],
             "tools":[{"name":"Bash","description":"Runs a command","input_schema":{"type":"object"},
                       "cache_control":{"type":"ephemeral"}}],
             "context_management":{"edits":[{"type":"clear_tool_uses_20250919"}]},
             "metadata":{"user_id":"user_abc_account_1_session_9"}}""",
            "x-api-key", "sk-any",
            "anthropic-version", "2023-06-01",
            "anthropic-beta", BETAS);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode fixture = JSON.readTree(fixture("anthropic/anthropic-messages-nonstream-cache-write-read.json"));
    assertThat(JSON.readTree(response.body())).isEqualTo(fixture);
    harness.upstream().verify(
        postRequestedFor(urlEqualTo(ANTHROPIC_UPSTREAM))
            .withHeader("anthropic-beta", equalTo(BETAS))
            .withHeader("x-api-key", equalTo(GatewayHarness.UPSTREAM_KEY))
            .withRequestBody(matchingJsonPath("$.model", equalTo("claude-sonnet-4-5-20250929")))
            .withRequestBody(matchingJsonPath("$.system[0].cache_control.type", equalTo("ephemeral")))
            .withRequestBody(matchingJsonPath("$.messages[0].content[0].cache_control.ttl", equalTo("1h")))
            .withRequestBody(matchingJsonPath("$.tools[0].cache_control.type", equalTo("ephemeral")))
            .withRequestBody(matchingJsonPath("$.context_management.edits[0].type", equalTo("clear_tool_uses_20250919")))
            .withRequestBody(matchingJsonPath("$.metadata.user_id", equalTo("user_abc_account_1_session_9"))));

    UsageRecord record = harness.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.api()).isEqualTo("messages");
    assertThat(record.endUser()).isEqualTo("user_abc_account_1_session_9");
    assertThat(record.usage().promptTokens()).isEqualTo(3 + 1111 + 418);
    assertThat(record.usage().cachedReadTokens()).isEqualTo(1111);
    assertThat(record.usage().cacheWriteTokens()).isEqualTo(418);
    assertThat(record.usage().completionTokens()).isEqualTo(33);
    assertThat(record.model().catalogId()).isEqualTo(CLAUDE);
  }

  @Test
  void anthropicStreamIsRelayedEventByEventAsTheUpstreamSentIt() throws Exception {
    String upstreamStream = fixture("anthropic/anthropic-messages-stream-tool-use-sdk-fixture.sse");
    stub(ANTHROPIC_UPSTREAM, "anthropic/anthropic-messages-stream-tool-use-sdk-fixture.sse", "text/event-stream");

    HttpResponse<String> response =
        harness.post(
            "/v1/messages",
            """
            {"model":"anthropic/claude-sonnet-4.5","max_tokens":1024,"stream":true,
             "tools":[{"name":"get_weather","input_schema":{"type":"object"}}],
             "messages":[{"role":"user","content":"Weather in SF?"}]}""",
            "Authorization", "Bearer sk-any");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
    SseFrames relayed = SseFrames.parse(response.body());
    SseFrames sent = SseFrames.parse(upstreamStream);
    assertThat(relayed.names()).isEqualTo(sent.names()).contains("ping");
    assertThat(relayed.frames()).isEqualTo(sent.frames());
    harness.upstream().verify(
        postRequestedFor(urlEqualTo(ANTHROPIC_UPSTREAM)).withRequestBody(matchingJsonPath("$.stream", equalTo("true"))));

    UsageRecord record = harness.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.api()).isEqualTo("messages");
    assertThat(record.streamed()).isTrue();
    assertThat(record.toolCalls()).isEqualTo(1);
    assertThat(record.usage().completionTokens()).isPositive();
  }

  @Test
  void thinkingBlocksAndToolResultsOfTheNextTurnReachAnthropicUnchanged() {
    stub(ANTHROPIC_UPSTREAM, "anthropic/anthropic-messages-nonstream-cache-write-read.json", "application/json");

    HttpResponse<String> response =
        harness.post(
            "/v1/messages",
            """
            {"model":"claude-sonnet-4-5","max_tokens":2048,"thinking":{"type":"enabled","budget_tokens":1024},
             "messages":[{"role":"user","content":"List files"},
               {"role":"assistant","content":[
                 {"type":"thinking","thinking":"I should run ls.","signature":"EqQBCkYIBxgCKkBsig=="},
                 {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix/LafPsn4a"},
                 {"type":"tool_use","id":"toolu_01A","name":"Bash","input":{"command":"ls"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01A","content":"a.txt"}]}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    harness.upstream().verify(
        postRequestedFor(urlEqualTo(ANTHROPIC_UPSTREAM))
            .withRequestBody(matchingJsonPath("$.model", equalTo("claude-sonnet-4-5-20250929")))
            .withRequestBody(matchingJsonPath("$.messages[1].content[0].signature", equalTo("EqQBCkYIBxgCKkBsig==")))
            .withRequestBody(matchingJsonPath("$.messages[1].content[1].data", equalTo("EmwKAhgBEgy3va3pzix/LafPsn4a")))
            .withRequestBody(matchingJsonPath("$.messages[2].content[0].tool_use_id", equalTo("toolu_01A")))
            .withRequestBody(matchingJsonPath("$.thinking.budget_tokens", equalTo("1024"))));
  }

  @Test
  void openAiCompatibleStreamIsTranslatedIntoAnthropicEvents() throws Exception {
    stub(CHAT_UPSTREAM, "openai-compatible/openai-chat-stream-tool-call-usage.sse", "text/event-stream");

    HttpResponse<String> response =
        harness.post(
            "/v1/messages",
            """
            {"model":"openai/gpt-4o-mini","max_tokens":300,"stream":true,"system":"Be brief.",
             "stop_sequences":["END"],"tool_choice":{"type":"any","disable_parallel_tool_use":true},
             "tools":[{"name":"get_capital","description":"Capital of a country",
                       "input_schema":{"type":"object","properties":{"country":{"type":"string"}}}}],
             "messages":[{"role":"user","content":"Capital of France?"}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    SseFrames events = SseFrames.parse(response.body());
    long argumentChunks =
        SseFrames.parse(fixture("openai-compatible/openai-chat-stream-tool-call-usage.sse")).frames().stream()
            .filter(f -> !f.data().at("/choices/0/delta/tool_calls/0/function/arguments").asText("").isEmpty())
            .count();
    List<String> expected = new java.util.ArrayList<>(List.of("message_start", "content_block_start"));
    for (int i = 0; i < argumentChunks; i++) {
      expected.add("content_block_delta");
    }
    expected.addAll(List.of("content_block_stop", "message_delta", "message_stop"));
    assertThat(events.names()).isEqualTo(expected);
    JsonNode start = events.named("content_block_start").get(0).data();
    assertThat(start.at("/content_block/type").asText()).isEqualTo("tool_use");
    assertThat(start.at("/content_block/name").asText()).isEqualTo("get_capital");
    assertThat(start.at("/content_block/id").asText()).isEqualTo("call_ZR5UUuTt3pf61kjwAJIYdVMj");
    assertThat(JSON.readTree(events.deltas("input_json_delta", "partial_json")).path("country").asText())
        .isEqualTo("UK"); // what the recorded model asked for
    JsonNode delta = events.named("message_delta").get(0).data();
    assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
    assertThat(delta.at("/usage/output_tokens").asLong()).isPositive();
    assertThat(delta.at("/usage/input_tokens").asLong()).isPositive();
    assertThat(events.named("message_start").get(0).data().at("/message/model").asText())
        .isEqualTo("openai/gpt-4o-mini");

    LoggedRequest sent = harness.upstream().findAll(postRequestedFor(urlEqualTo(CHAT_UPSTREAM))).get(0);
    JsonNode chat = JSON.readTree(sent.getBodyAsString());
    assertThat(chat.at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(chat.at("/messages/0/content").asText()).isEqualTo("Be brief.");
    assertThat(chat.at("/tools/0/function/name").asText()).isEqualTo("get_capital");
    assertThat(chat.at("/tools/0/function/parameters/properties/country/type").asText()).isEqualTo("string");
    assertThat(chat.at("/tool_choice").asText()).isEqualTo("required");
    assertThat(chat.at("/parallel_tool_calls").asBoolean(true)).isFalse();
    assertThat(chat.at("/stop/0").asText()).isEqualTo("END");

    UsageRecord record = harness.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.api()).isEqualTo("messages");
    assertThat(record.toolCalls()).isEqualTo(1);
    assertThat(record.usage().completionTokens()).isEqualTo(delta.at("/usage/output_tokens").asLong());
  }

  @Test
  void toolLoopTurnIsTranslatedForAChatUpstreamAndItsAnswerBackToAMessage() throws Exception {
    stub(CHAT_UPSTREAM, "openai-compatible/openai-chat-nonstream-reasoning.json", "application/json");

    HttpResponse<String> response =
        harness.post(
            "/v1/messages",
            """
            {"model":"openai/o3-mini","max_tokens":300,
             "messages":[{"role":"user","content":[{"type":"text","text":"Look at this"},
                 {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]},
               {"role":"assistant","content":[{"type":"text","text":"Let me check."},
                 {"type":"tool_use","id":"toolu_9","name":"Read","input":{"path":"a.txt"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_9","is_error":true,
                 "content":[{"type":"text","text":"not found"}]},{"type":"text","text":"Try again"}]}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode message = JSON.readTree(response.body());
    assertThat(message.get("type").asText()).isEqualTo("message");
    assertThat(message.get("role").asText()).isEqualTo("assistant");
    assertThat(message.get("id").asText()).startsWith("msg_");
    assertThat(message.get("model").asText()).isEqualTo("openai/o3-mini");
    assertThat(message.at("/content/0/type").asText()).isIn("text", "thinking");
    assertThat(message.get("stop_reason").asText()).isEqualTo("end_turn");
    JsonNode fixture = JSON.readTree(fixture("openai-compatible/openai-chat-nonstream-reasoning.json"));
    assertThat(message.at("/usage/output_tokens").asLong()).isEqualTo(fixture.at("/usage/completion_tokens").asLong());
    assertThat(message.at("/usage/input_tokens").asLong()
            + message.at("/usage/cache_read_input_tokens").asLong())
        .isEqualTo(fixture.at("/usage/prompt_tokens").asLong());

    JsonNode chat = JSON.readTree(harness.upstream().findAll(postRequestedFor(urlEqualTo(CHAT_UPSTREAM))).get(0).getBodyAsString());
    assertThat(chat.at("/messages/0/content/1/type").asText()).isEqualTo("image_url");
    assertThat(chat.at("/messages/0/content/1/image_url/url").asText()).isEqualTo("data:image/png;base64,iVBORw0KGgo=");
    assertThat(chat.at("/messages/1/role").asText()).isEqualTo("assistant");
    assertThat(chat.at("/messages/1/content").asText()).isEqualTo("Let me check.");
    assertThat(chat.at("/messages/1/tool_calls/0/id").asText()).isEqualTo("toolu_9");
    assertThat(JSON.readTree(chat.at("/messages/1/tool_calls/0/function/arguments").asText()).path("path").asText())
        .isEqualTo("a.txt");
    assertThat(chat.at("/messages/2/role").asText()).isEqualTo("tool");
    assertThat(chat.at("/messages/2/tool_call_id").asText()).isEqualTo("toolu_9");
    assertThat(chat.at("/messages/2/content").toString()).contains("not found").contains("Error");
    assertThat(chat.at("/messages/3/role").asText()).isEqualTo("user");
    assertThat(chat.at("/messages/3/content/0/text").asText()).isEqualTo("Try again");
  }

  @Test
  void geminiThoughtsBecomeAThinkingBlockBeforeTheText() throws Exception {
    stub(GEMINI_STREAM, "gemini/gemini-stream-thought-parts.sse", "text/event-stream");

    HttpResponse<String> response =
        harness.post(
            "/v1/messages",
            """
            {"model":"google/gemini-2.5-pro","max_tokens":4000,"stream":true,
             "thinking":{"type":"enabled","budget_tokens":2000},
             "messages":[{"role":"user","content":"Why is the sky blue?"}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    SseFrames events = SseFrames.parse(response.body());
    List<SseFrames.Frame> starts = events.named("content_block_start");
    assertThat(starts.get(0).data().at("/content_block/type").asText()).isEqualTo("thinking");
    assertThat(starts.get(starts.size() - 1).data().at("/content_block/type").asText()).isEqualTo("text");
    assertThat(events.deltas("thinking_delta", "thinking")).isNotBlank();
    assertThat(events.deltas("text_delta", "text")).isNotBlank();
    assertThat(events.named("content_block_stop")).hasSameSizeAs(starts);
    assertThat(events.names().get(events.names().size() - 1)).isEqualTo("message_stop");
    JsonNode usage = events.named("message_delta").get(0).data().path("usage");
    UsageRecord record = harness.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
    assertThat(usage.path("output_tokens").asLong()).isEqualTo(record.usage().completionTokens());
    assertThat(record.usage().reasoningTokens()).isPositive();
    assertThat(record.api()).isEqualTo("messages");
  }

  @Test
  void anAnthropicErrorMidStreamReachesTheClientAsItsErrorEvent() throws Exception {
    String stream =
        """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}

        event: error
        data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}

        """;
    harness.upstream().stubFor(post(urlEqualTo(ANTHROPIC_UPSTREAM)).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(stream)));

    HttpResponse<String> response =
        harness.post("/v1/messages", "{\"model\":\"" + CLAUDE + "\",\"max_tokens\":50,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    SseFrames events = SseFrames.parse(response.body());
    assertThat(events.names())
        .containsExactly("message_start", "content_block_start", "content_block_delta", "error");
    assertThat(events.named("error").get(0).data().at("/error/type").asText()).isEqualTo("overloaded_error");
    UsageRecord record = harness.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.outcome()).isEqualTo(dev.switchboard.telemetry.Outcome.UPSTREAM_ERROR);
  }

  @Test
  void aChatUpstreamFailingMidStreamEndsTheTranslatedStreamWithAnErrorEvent() throws Exception {
    String stream =
        """
        data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}

        data: {"error":{"message":"The server had an error","type":"server_error","code":null}}

        """;
    harness.upstream().stubFor(post(urlEqualTo(CHAT_UPSTREAM)).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(stream)));

    HttpResponse<String> response =
        harness.post("/v1/messages", "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":50,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    SseFrames events = SseFrames.parse(response.body());
    assertThat(events.names().get(0)).isEqualTo("message_start");
    assertThat(events.deltas("text_delta", "text")).isEqualTo("Hel");
    assertThat(events.names().get(events.names().size() - 1)).isEqualTo("error");
    assertThat(events.names()).doesNotContain("message_stop");
    assertThat(events.named("error").get(0).data().at("/error/message").asText()).contains("server had an error");
  }

  @Test
  void badRequestsAreRefusedInAnthropicsErrorShape() throws Exception {
    HttpResponse<String> noMaxTokens =
        harness.post("/v1/messages", "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(noMaxTokens.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(noMaxTokens.body());
    assertThat(error.get("type").asText()).isEqualTo("error");
    assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.at("/error/message").asText()).contains("max_tokens");

    HttpResponse<String> unknown =
        harness.post("/v1/messages", "{\"model\":\"nope/nope\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).at("/error/type").asText()).isEqualTo("not_found_error");

    HttpResponse<String> broken = harness.post("/v1/messages", "{not json");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(broken.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");

    HttpResponse<String> unknownPath = harness.post("/v1/messages/nothing", "{}");
    assertThat(unknownPath.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknownPath.body()).get("type").asText()).isEqualTo("error");
  }

  @Test
  void anUpstreamOverloadIsA529OverloadedError() throws Exception {
    harness.upstream().stubFor(post(urlEqualTo(ANTHROPIC_UPSTREAM)).willReturn(aResponse()
        .withStatus(529)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")));

    HttpResponse<String> response =
        harness.post("/v1/messages", "{\"model\":\"" + CLAUDE + "\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(529);
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.at("/error/type").asText()).isEqualTo("overloaded_error");
  }

  @Test
  void countTokensCountsSystemMessagesAndTools() throws Exception {
    String small = "{\"model\":\"" + CLAUDE + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello, world\"}]}";
    String bigger =
        "{\"model\":\"" + CLAUDE + "\",\"system\":\"You are a careful assistant.\","
            + "\"tools\":[{\"name\":\"Bash\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"command\":{\"type\":\"string\"}}}}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello, world\"}]}";

    HttpResponse<String> a = harness.post("/v1/messages/count_tokens?beta=true", small, "x-api-key", "sk-any");
    HttpResponse<String> b = harness.post("/v1/messages/count_tokens", bigger);

    assertThat(a.statusCode()).isEqualTo(200);
    long smallCount = JSON.readTree(a.body()).get("input_tokens").asLong();
    long biggerCount = JSON.readTree(b.body()).get("input_tokens").asLong();
    assertThat(smallCount).isBetween(3L, 20L);
    assertThat(biggerCount).isGreaterThan(smallCount + 10);
    harness.upstream().verify(0, postRequestedFor(urlEqualTo(ANTHROPIC_UPSTREAM)));
  }

  @Test
  void datedAndNativeModelIdsResolveToTheRoute() throws Exception {
    stub(ANTHROPIC_UPSTREAM, "anthropic/anthropic-messages-nonstream-cache-write-read.json", "application/json");

    for (String model : List.of("claude-sonnet-4-5-20250929", "claude-sonnet-4-5", "claude-sonnet-4.5")) {
      HttpResponse<String> response =
          harness.post("/v1/messages", "{\"model\":\"" + model + "\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
      assertThat(response.statusCode()).as(model).isEqualTo(200);
      assertThat(response.headers().firstValue("x-switchboard-model")).as(model).isPresent();
      UsageRecord record = harness.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
      assertThat(record.requestedModel()).isEqualTo(model);
      assertThat(record.model().catalogId()).isEqualTo(CLAUDE);
    }
  }

  private void stub(String url, String fixture, String contentType) {
    harness.upstream().stubFor(post(urlEqualTo(url)).willReturn(aResponse()
        .withStatus(200)
        .withHeader("Content-Type", contentType)
        .withBody(fixture(fixture))));
  }

  static String fixture(String path) {
    try (InputStream in = MessagesDialectEndToEndTest.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

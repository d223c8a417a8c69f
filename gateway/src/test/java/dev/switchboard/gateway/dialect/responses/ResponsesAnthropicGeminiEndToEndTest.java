package dev.switchboard.gateway.dialect.responses;

import static dev.switchboard.gateway.dialect.responses.ResponsesWire.ANTHROPIC_UPSTREAM;
import static dev.switchboard.gateway.dialect.responses.ResponsesWire.CLAUDE;
import static dev.switchboard.gateway.dialect.responses.ResponsesWire.GEMINI_PLAIN;
import static dev.switchboard.gateway.dialect.responses.ResponsesWire.GEMINI_STREAM;
import static dev.switchboard.gateway.dialect.responses.ResponsesWire.events;
import static dev.switchboard.gateway.dialect.responses.ResponsesWire.fixture;
import static dev.switchboard.gateway.dialect.responses.ResponsesWire.read;
import static dev.switchboard.gateway.dialect.responses.ResponsesWire.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.dialect.responses.ResponsesWire.Event;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.Outcome;
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

/**
 * Drives {@code POST /v1/responses} through the real server with WireMock playing Anthropic's
 * Messages API and Gemini from recorded payloads: reasoning, signatures carried to the next turn,
 * tool calls, cache and hidden-reasoning usage, and streams that fail midway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponsesAnthropicGeminiEndToEndTest {
  @TempDir static Path storeDir;
  private GatewayHarness harness;

  @BeforeAll
  void start() {
    harness = new GatewayHarness(storeDir, ResponsesWire::families);
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
  void anthropicAnswerReportsCacheReadsAndWritesInResponsesTerms() throws Exception {
    stub(ANTHROPIC_UPSTREAM, fixture("anthropic", "anthropic-messages-nonstream-cache-write-read.json"), "application/json");

    HttpResponse<String> http = respond("""
        {"model":"%s","input":[{"role":"user","content":"What is Python?"}],"max_output_tokens":256}""".formatted(CLAUDE));

    assertThat(http.statusCode()).as(http.body()).isEqualTo(200);
    JsonNode response = read(http.body());
    assertThat(response.at("/output/0/content/0/text").asText()).startsWith("Python is a beginner-friendly");
    assertThat(response.at("/usage/input_tokens").asLong()).isEqualTo(3 + 418 + 1111);
    assertThat(response.at("/usage/input_tokens_details/cached_tokens").asLong()).isEqualTo(1111);
    assertThat(response.at("/usage/input_tokens_details/cache_write_tokens").asLong()).isEqualTo(418);
    assertThat(response.at("/usage/output_tokens").asLong()).isEqualTo(33);
    assertThat(sentBody(ANTHROPIC_UPSTREAM).get("max_tokens").asInt()).isEqualTo(256);
    UsageRecord record = harness.awaitRecord(http.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.usage().cachedReadTokens()).isEqualTo(1111L);
    assertThat(record.usage().cacheWriteTokens()).isEqualTo(418L);
  }

  @Test
  void anthropicThinkingStreamsAsAReasoningItemWhoseSignatureComesBackOnTheNextTurn() throws Exception {
    stub(ANTHROPIC_UPSTREAM, fixture("anthropic", "anthropic-messages-stream-thinking.sse"), "text/event-stream");

    HttpResponse<String> http = respond("""
        {"model":"%s","stream":true,"input":"How do I cross the street?",
         "reasoning":{"effort":"low","summary":"auto"},"include":["reasoning.encrypted_content"]}""".formatted(CLAUDE));

    List<Event> events = events(http.body());
    assertThat(types(events)).containsSubsequence(
        "response.created", "response.in_progress", "response.output_item.added",
        "response.reasoning_summary_part.added", "response.reasoning_summary_text.delta",
        "response.reasoning_summary_text.done", "response.reasoning_summary_part.done",
        "response.output_item.done", "response.output_item.added", "response.content_part.added",
        "response.output_text.delta", "response.output_text.done", "response.content_part.done",
        "response.output_item.done", "response.completed");
    JsonNode completed = events.get(events.size() - 1).data().get("response");
    JsonNode reasoning = completed.at("/output/0");
    assertThat(reasoning.get("type").asText()).isEqualTo("reasoning");
    assertThat(reasoning.at("/summary/0/text").asText()).startsWith("This is a straightforward question");
    assertThat(reasoning.get("encrypted_content").asText()).startsWith(ReasoningCarrier.PREFIX);
    assertThat(completed.at("/output/1/type").asText()).isEqualTo("message");
    assertThat(completed.at("/usage/output_tokens").asLong()).isEqualTo(282);
    assertThat(sentBody(ANTHROPIC_UPSTREAM).at("/thinking/type").asText()).isEqualTo("enabled");

    harness.upstream().resetRequests();
    stub(ANTHROPIC_UPSTREAM, fixture("anthropic", "anthropic-messages-nonstream-cache-write-read.json"), "application/json");
    HttpResponse<String> next = respond("""
        {"model":"%s","reasoning":{"effort":"low"},
         "input":[{"role":"user","content":"How do I cross the street?"},%s,%s,
                  {"role":"user","content":"And at night?"}]}"""
        .formatted(CLAUDE, reasoning.toString(), completed.at("/output/1").toString()));

    assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
    JsonNode assistant = sentBody(ANTHROPIC_UPSTREAM).at("/messages/1");
    assertThat(assistant.get("role").asText()).isEqualTo("assistant");
    assertThat(assistant.at("/content/0/type").asText()).isEqualTo("thinking");
    assertThat(assistant.at("/content/0/thinking").asText()).startsWith("This is a straightforward question");
    assertThat(assistant.at("/content/0/signature").asText()).startsWith("EvMCCkYICxgCKkCHP2cSuEdcJK");
    assertThat(assistant.at("/content/1/type").asText()).isEqualTo("text");
  }

  @Test
  void anthropicToolUseStreamsAsFunctionCallItems() throws Exception {
    stub(ANTHROPIC_UPSTREAM, fixture("anthropic", "anthropic-messages-stream-tool-use-sdk-fixture.sse"), "text/event-stream");

    HttpResponse<String> http = respond("""
        {"model":"%s","stream":true,"input":"Weather in SF?",
         "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object","properties":{"location":{"type":"string"}}}}]}"""
        .formatted(CLAUDE));

    List<Event> events = events(http.body());
    JsonNode completed = events.get(events.size() - 1).data().get("response");
    assertThat(events.get(events.size() - 1).type()).isEqualTo("response.completed");
    JsonNode output = completed.get("output");
    JsonNode call = output.get(output.size() - 1);
    assertThat(call.get("type").asText()).isEqualTo("function_call");
    assertThat(call.get("call_id").asText()).startsWith("toolu_");
    assertThat(read(call.get("arguments").asText()).isObject()).isTrue();
    String streamed = events.stream()
        .filter(e -> e.type().equals("response.function_call_arguments.delta"))
        .map(e -> e.data().get("delta").asText())
        .reduce("", String::concat);
    assertThat(streamed).isEqualTo(call.get("arguments").asText());
    for (int i = 0; i < output.size(); i++) {
      int index = i;
      assertThat(events.stream().filter(e -> e.type().equals("response.output_item.done")
          && e.data().get("output_index").asInt() == index)).hasSize(1);
    }
  }

  @Test
  void geminiThoughtsStreamAsReasoningAndHiddenThinkingCountsAsOutput() throws Exception {
    stub(GEMINI_STREAM, fixture("gemini", "gemini-stream-thought-parts.sse"), "text/event-stream");

    HttpResponse<String> http = respond("""
        {"model":"google/gemini-2.5-pro","stream":true,"input":"How do I cross the street?",
         "reasoning":{"effort":"medium","summary":"auto"}}""");

    List<Event> events = events(http.body());
    assertThat(types(events)).contains("response.reasoning_summary_text.delta", "response.output_text.delta");
    JsonNode completed = events.get(events.size() - 1).data().get("response");
    assertThat(completed.at("/output/0/type").asText()).isEqualTo("reasoning");
    assertThat(completed.at("/output/0/summary/0/text").asText()).startsWith("**Clarifying User Goals**");
    assertThat(completed.at("/output/1/content/0/text").asText()).endsWith("might not see you.");
    assertThat(completed.at("/usage/input_tokens").asLong()).isEqualTo(34);
    assertThat(completed.at("/usage/output_tokens").asLong()).isEqualTo(469 + 787);
    assertThat(completed.at("/usage/output_tokens_details/reasoning_tokens").asLong()).isEqualTo(787);
    assertThat(completed.at("/usage/total_tokens").asLong()).isEqualTo(1290);
  }

  @Test
  void geminiFunctionCallIsAFunctionCallItem() throws Exception {
    stub(GEMINI_PLAIN, fixture("gemini", "gemini-nonstream-function-call.json"), "application/json");

    JsonNode response = read(respond("""
        {"model":"google/gemini-2.0-flash-001","input":"Which country am I in?",
         "tools":[{"type":"function","name":"get_user_country","parameters":{"type":"object","properties":{}}}]}""").body());

    JsonNode call = response.at("/output/0");
    assertThat(call.get("type").asText()).isEqualTo("function_call");
    assertThat(call.get("name").asText()).isEqualTo("get_user_country");
    assertThat(call.get("arguments").asText()).isEqualTo("{}");
    assertThat(response.at("/usage/input_tokens").asLong()).isEqualTo(33);
    assertThat(response.at("/usage/output_tokens").asLong()).isEqualTo(5);
  }

  @Test
  void geminiThoughtSignatureOfAFunctionCallComesBackOnTheNextTurn() throws Exception {
    String signature = "CiQB0e2Kb7x1qJvW5lYk3Zm0Gp0dR3c9uC2o8vYb2g1xZ0k=";
    stub(GEMINI_PLAIN, fixture("gemini", "gemini-nonstream-function-call.json")
        .replace("\"functionCall\"", "\"thoughtSignature\": \"" + signature + "\", \"functionCall\""),
        "application/json");
    String tools = """
        "tools":[{"type":"function","name":"get_user_country","parameters":{"type":"object","properties":{}}}]""";

    JsonNode first = read(respond("""
        {"model":"google/gemini-2.0-flash-001","input":"Which country am I in?",%s}""".formatted(tools)).body());

    JsonNode reasoning = first.at("/output/0");
    assertThat(reasoning.get("type").asText()).isEqualTo("reasoning");
    assertThat(reasoning.get("encrypted_content").asText()).startsWith(ReasoningCarrier.PREFIX);
    JsonNode call = first.at("/output/1");
    assertThat(call.get("type").asText()).isEqualTo("function_call");

    harness.upstream().resetRequests();
    respond("""
        {"model":"google/gemini-2.0-flash-001",%s,
         "input":[{"role":"user","content":"Which country am I in?"},%s,%s,
                  {"type":"function_call_output","call_id":"%s","output":"France"}]}"""
        .formatted(tools, reasoning, call, call.get("call_id").asText()));

    JsonNode model = sentBody(GEMINI_PLAIN).at("/contents/1");
    assertThat(model.get("role").asText()).isEqualTo("model");
    assertThat(model.at("/parts/0/functionCall/name").asText()).isEqualTo("get_user_country");
    assertThat(model.at("/parts/0/thoughtSignature").asText()).isEqualTo(signature);
  }

  @Test
  void midStreamUpstreamErrorEndsWithAnErrorEventAndResponseFailed() throws Exception {
    String sse = fixture("anthropic", "anthropic-messages-stream-tool-use-sdk-fixture.sse");
    String cut = sse.substring(0, sse.indexOf("event: content_block_delta", sse.indexOf("\"text\":\"I\"")));
    stub(ANTHROPIC_UPSTREAM, cut + "event: error\ndata: {\"type\":\"error\",\"error\":"
        + "{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n", "text/event-stream");

    HttpResponse<String> http = respond("""
        {"model":"%s","stream":true,"input":"Weather?"}""".formatted(CLAUDE));

    assertThat(http.statusCode()).isEqualTo(200);
    List<Event> events = events(http.body());
    assertThat(types(events)).doesNotContain("response.completed");
    Event error = events.get(events.size() - 2);
    assertThat(error.type()).isEqualTo("error");
    assertThat(error.data().get("message").asText()).isEqualTo("Overloaded");
    Event failed = events.get(events.size() - 1);
    assertThat(failed.type()).isEqualTo("response.failed");
    assertThat(failed.data().at("/response/status").asText()).isEqualTo("failed");
    assertThat(failed.data().at("/response/error/code").asText()).isEqualTo("server_error");
    assertThat(failed.data().at("/response/error/message").asText()).isEqualTo("Overloaded");
    assertThat(failed.data().at("/response/output/0/content/0/text").asText()).isEqualTo("I");
    UsageRecord record = harness.awaitRecord(http.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
    assertThat(record.finishReason()).isEqualTo(FinishReason.ERROR);
  }

  @Test
  void streamCutBeforeTheEndFailsTheResponse() throws Exception {
    String sse = fixture("anthropic", "anthropic-messages-stream-thinking.sse");
    stub(ANTHROPIC_UPSTREAM, sse.substring(0, sse.indexOf("event: message_delta")), "text/event-stream");

    List<Event> events = events(respond("""
        {"model":"%s","stream":true,"input":"Hi"}""".formatted(CLAUDE)).body());

    assertThat(events.get(events.size() - 1).type()).isEqualTo("response.failed");
    assertThat(types(events)).contains("error", "response.output_item.done").doesNotContain("response.completed");
  }

  private HttpResponse<String> respond(String body) {
    return ResponsesWire.respond(harness, body);
  }

  private void stub(String path, String body, String contentType) {
    ResponsesWire.stub(harness, path, body, contentType);
  }

  private JsonNode sentBody(String path) {
    return ResponsesWire.sentBody(harness, path);
  }
}

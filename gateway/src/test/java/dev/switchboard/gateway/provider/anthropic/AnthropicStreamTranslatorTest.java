package dev.switchboard.gateway.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.sse.SseDecoder;
import dev.switchboard.gateway.provider.sse.SseEvent;
import dev.switchboard.telemetry.FinishReason;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the OpenAI chunks produced from Anthropic stream events, in order. */
class AnthropicStreamTranslatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<JsonNode> chunks = new ArrayList<>();

  @Test
  void toolUseStreamRelaysTheCallThenEachArgumentFragmentAsItArrives() {
    AnthropicStreamTranslator translator =
        feed(fixture("anthropic-messages-stream-tool-use-sdk-fixture.sse"), false);

    assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    assertThat(contents()).containsExactly("I", "'ll check the current weather in Paris for you.");
    List<JsonNode> calls = toolCallDeltas();
    assertThat(calls.get(0).get("index").asInt()).isZero();
    assertThat(calls.get(0).get("id").asText()).isEqualTo("toolu_01NRLabsLyVHZPKxbKvkfSMn");
    assertThat(calls.get(0).get("type").asText()).isEqualTo("function");
    assertThat(calls.get(0).at("/function/name").asText()).isEqualTo("get_weather");
    assertThat(calls.get(0).at("/function/arguments").asText()).isEmpty();
    // one delta per upstream input_json_delta, in order (the empty first fragment carries nothing)
    assertThat(calls.subList(1, calls.size()))
        .extracting(call -> call.at("/function/arguments").asText())
        .containsExactly("{\"locati", "on\": \"P", "ar", "is\"}");
    assertThat(calls).allSatisfy(call -> assertThat(call.get("index").asInt()).isZero());
    JsonNode finish = chunks.get(chunks.size() - 2);
    assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(finish.at("/choices/0/native_finish_reason").asText()).isEqualTo("tool_use");
    JsonNode usage = chunks.get(chunks.size() - 1);
    assertThat(usage.get("choices")).isEmpty();
    assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(377);
    assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(65);
    assertThat(usage.at("/usage/total_tokens").asInt()).isEqualTo(442);
    assertThat(translator.summary().toolCalls()).isEqualTo(1);
    assertThat(translator.completionText())
        .contains("get_weather")
        .contains("{\"location\": \"Paris\"}");
  }

  @Test
  void thinkingStreamRelaysReasoningWithItsSignatureBeforeTheAnswer() {
    AnthropicStreamTranslator translator =
        feed(fixture("anthropic-messages-stream-thinking.sse"), false);

    int firstReasoning = indexOf("reasoning");
    int lastReasoning = lastIndexOf("reasoning");
    int signature = lastIndexOf("reasoning_details");
    int firstContent = indexOfContent();
    assertThat(firstReasoning).isPositive().isLessThan(lastReasoning);
    assertThat(signature).isGreaterThan(lastReasoning).isLessThan(firstContent);
    String reasoning = concat("reasoning");
    assertThat(reasoning)
        .startsWith("This is a straightforward question")
        .endsWith("help prevent accidents.");
    assertThat(reasoning.codePointCount(0, reasoning.length()))
        .isEqualTo(translator.summary().reasoningChars());
    JsonNode textDetail = chunks.get(firstReasoning).at("/choices/0/delta/reasoning_details/0");
    assertThat(textDetail.get("type").asText()).isEqualTo("reasoning.text");
    assertThat(textDetail.get("format").asText()).isEqualTo("anthropic-claude-v1");
    assertThat(textDetail.get("index").asInt()).isZero();
    JsonNode signed = chunks.get(signature).at("/choices/0/delta/reasoning_details/0");
    assertThat(signed.get("signature").asText())
        .startsWith("EvMCCkYICxgCKkCHP2cS")
        .endsWith("YAQ==");
    assertThat(signed.get("text").asText()).isEmpty();
    String answer = String.join("", contents());
    assertThat(answer.codePointCount(0, answer.length()))
        .isEqualTo(translator.summary().textChars());
    assertThat(chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText())
        .isEqualTo("stop");
  }

  @Test
  void excludedReasoningIsMeasuredButNotRelayed() {
    AnthropicStreamTranslator translator =
        feed(fixture("anthropic-messages-stream-thinking.sse"), true);

    assertThat(indexOf("reasoning")).isNegative();
    assertThat(indexOf("reasoning_details")).isNegative();
    assertThat(translator.summary().reasoningChars()).isEqualTo(202);
    assertThat(contents()).isNotEmpty();
  }

  @Test
  void parallelToolCallsKeepTheirOwnIndex() {
    // event shapes as in the recorded SDK fixture; two tool_use blocks after a text block
    String stream =
        start("msg_par", 120)
            + event(
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
            + event(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Both.\"}}")
            + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
            + event(
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_A\",\"name\":\"get_weather\",\"input\":{}}}")
            + event(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":"
                    + " \\\"Paris\\\"}\"}}")
            + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}")
            + event(
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_B\",\"name\":\"get_time\",\"input\":{}}}")
            + event(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"tz\\\":"
                    + " \"}}")
            + event(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"CET\\\"}\"}}")
            + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}")
            + stop("tool_use", 80);

    AnthropicStreamTranslator translator = feed(stream.getBytes(StandardCharsets.UTF_8), false);

    List<JsonNode> calls = toolCallDeltas();
    assertThat(calls).extracting(c -> c.get("index").asInt()).containsExactly(0, 0, 1, 1, 1);
    assertThat(calls)
        .extracting(c -> c.path("id").asText(null))
        .containsExactly("toolu_A", null, "toolu_B", null, null);
    assertThat(calls.get(4).at("/function/arguments").asText()).isEqualTo("\"CET\"}");
    assertThat(translator.summary().toolCalls()).isEqualTo(2);
    assertThat(translator.summary().finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
  }

  @Test
  void serverToolBlocksAreNeitherRelayedNorCounted() {
    String stream =
        start("msg_srv", 50)
            + event(
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}}")
            + event(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"query\\\":"
                    + " \\\"x\\\"}\"}}")
            + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
            + event(
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_1\",\"content\":[]}}")
            + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}")
            + event(
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va3pzix/LafPsn4a\"}}")
            + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}")
            + stop("pause_turn", 12);

    AnthropicStreamTranslator translator = feed(stream.getBytes(StandardCharsets.UTF_8), false);

    assertThat(toolCallDeltas()).isEmpty();
    ResponseSummary summary = translator.summary();
    assertThat(summary.toolCalls()).isZero();
    assertThat(summary.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(summary.nativeFinishReason()).isEqualTo("pause_turn");
    JsonNode encrypted =
        chunks.get(lastIndexOf("reasoning_details")).at("/choices/0/delta/reasoning_details/0");
    assertThat(encrypted.get("type").asText()).isEqualTo("reasoning.encrypted");
    assertThat(encrypted.get("data").asText()).isEqualTo("EmwKAhgBEgy3va3pzix/LafPsn4a");
  }

  @Test
  void midStreamErrorBecomesAnErrorChunkAndKeepsTheUsageSeenSoFar() {
    // the error event as Anthropic sends it (wire-formats §2; raw payload in karthink/gptel#1512)
    String stream =
        start("msg_err", 377)
            + event(
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
            + event(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}")
            + event(
                "error",
                "{\"type\":\"error\",\"error\":{\"details\":null,\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}");

    AnthropicStreamTranslator translator = feed(stream.getBytes(StandardCharsets.UTF_8), false);

    assertThat(translator.complete()).isTrue();
    JsonNode last = chunks.get(chunks.size() - 1);
    assertThat(last.at("/error/message").asText()).isEqualTo("Overloaded");
    assertThat(last.at("/error/type").asText()).isEqualTo("overloaded_error");
    assertThat(last.at("/error/code").asText()).isEqualTo("overloaded");
    assertThat(chunks.get(chunks.size() - 2).at("/usage/prompt_tokens").asInt()).isEqualTo(377);
    ResponseSummary summary = translator.summary();
    assertThat(summary.finishReason()).isEqualTo(FinishReason.ERROR);
    assertThat(summary.error().httpStatus()).isEqualTo(503);
    assertThat(summary.usage().promptTokens()).isEqualTo(377L);
    assertThat(summary.textChars()).isEqualTo(3);
  }

  @Test
  void streamWithoutMessageStopIsNotComplete() {
    String stream =
        start("msg_cut", 10)
            + event(
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");

    assertThat(feed(stream.getBytes(StandardCharsets.UTF_8), false).complete()).isFalse();
  }

  @Test
  void unknownEventsAreIgnoredAndMalformedDataIsRefused() {
    AnthropicStreamTranslator translator = new AnthropicStreamTranslator(chunks::add, false);
    translator.accept(
        new SseEvent("compaction_delta", "{\"type\":\"compaction_delta\",\"x\":1}", null));
    translator.accept(new SseEvent("ping", "{\"type\": \"ping\"}", null));
    assertThat(chunks).isEmpty();

    assertThatThrownBy(() -> translator.accept(new SseEvent("message_start", "{not json", null)))
        .isInstanceOf(dev.switchboard.gateway.provider.MalformedStreamException.class);
  }

  private AnthropicStreamTranslator feed(byte[] bytes, boolean excludeReasoning) {
    AnthropicStreamTranslator translator =
        new AnthropicStreamTranslator((ObjectNode chunk) -> chunks.add(chunk), excludeReasoning);
    SseDecoder decoder = new SseDecoder(translator::accept);
    decoder.feed(Buffer.buffer(bytes));
    decoder.end();
    return translator;
  }

  private static byte[] fixture(String name) {
    return AnthropicContractTest.read(AnthropicContractTest.DIR + name);
  }

  private static String start(String id, int inputTokens) {
    return event(
        "message_start",
        "{\"type\":\"message_start\",\"message\":{\"id\":\""
            + id
            + "\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-sonnet-4-20250514\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":"
            + inputTokens
            + ",\"cache_creation_input_tokens\":0,"
            + "\"cache_read_input_tokens\":0,\"output_tokens\":1}}}");
  }

  private static String stop(String stopReason, int outputTokens) {
    return event(
            "message_delta",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
                + stopReason
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":"
                + outputTokens
                + "}}")
        + event("message_stop", "{\"type\":\"message_stop\"}");
  }

  private static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  private List<String> contents() {
    return chunks.stream()
        .map(c -> c.at("/choices/0/delta/content"))
        .filter(n -> n.isTextual() && !n.asText().isEmpty())
        .map(JsonNode::asText)
        .toList();
  }

  private List<JsonNode> toolCallDeltas() {
    List<JsonNode> calls = new ArrayList<>();
    chunks.forEach(c -> c.at("/choices/0/delta/tool_calls").forEach(calls::add));
    return calls;
  }

  private String concat(String field) {
    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> text.append(c.at("/choices/0/delta/" + field).asText("")));
    return text.toString();
  }

  private int indexOf(String field) {
    for (int i = 0; i < chunks.size(); i++) {
      if (chunks.get(i).at("/choices/0/delta").has(field)) {
        return i;
      }
    }
    return -1;
  }

  private int lastIndexOf(String field) {
    for (int i = chunks.size() - 1; i >= 0; i--) {
      if (chunks.get(i).at("/choices/0/delta").has(field)) {
        return i;
      }
    }
    return -1;
  }

  private int indexOfContent() {
    for (int i = 0; i < chunks.size(); i++) {
      JsonNode content = chunks.get(i).at("/choices/0/delta/content");
      if (content.isTextual() && !content.asText().isEmpty()) {
        return i;
      }
    }
    return -1;
  }
}

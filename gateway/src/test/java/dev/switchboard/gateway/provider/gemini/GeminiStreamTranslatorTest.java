package dev.switchboard.gateway.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.telemetry.FinishReason;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the OpenAI chunks a Gemini {@code alt=sse} stream becomes, event by event. */
class GeminiStreamTranslatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ObjectNode> chunks = new ArrayList<>();
  private final GeminiStreamTranslator translator = new GeminiStreamTranslator(chunks::add);

  @Test
  void thoughtStreamGivesRoleThenReasoningDeltasThenContentThenFinishThenUsage() throws Exception {
    byte[] fixture = GeminiFixtures.bytes("gemini-stream-thought-parts.sse");
    translator.feed(Buffer.buffer(fixture));
    translator.end();

    List<JsonNode> deltas = chunks.stream()
        .filter(c -> !c.get("choices").isEmpty())
        .map(c -> c.get("choices").get(0).get("delta"))
        .toList();
    assertThat(deltas.get(0).get("role").asText()).isEqualTo("assistant");
    assertThat(deltas.subList(1, deltas.size())).allSatisfy(d -> assertThat(d.has("role")).isFalse());
    int lastReasoning = lastIndexWith(deltas, "reasoning");
    int firstContent = firstIndexWith(deltas, "content");
    assertThat(lastReasoning).isNotNegative().isLessThan(firstContent);

    // the reasoning and content deltas add up to the thought and answer parts Gemini sent
    StringBuilder thoughts = new StringBuilder();
    StringBuilder answer = new StringBuilder();
    for (String event : new String(fixture, StandardCharsets.UTF_8).split("\r\n\r\n")) {
      for (JsonNode part : JSON.readTree(event.substring("data: ".length())).at("/candidates/0/content/parts")) {
        (part.path("thought").asBoolean() ? thoughts : answer).append(part.get("text").asText());
      }
    }
    assertThat(join(deltas, "reasoning")).isEqualTo(thoughts.toString());
    assertThat(join(deltas, "content")).isEqualTo(answer.toString());
    assertThat(deltas.get(0).get("reasoning_details").get(0).get("type").asText()).isEqualTo("reasoning.text");
    assertThat(deltas.get(0).get("reasoning_details").get(0).get("text").asText())
        .isEqualTo(deltas.get(0).get("reasoning").asText());

    JsonNode finishChoice = chunks.get(chunks.size() - 2).get("choices").get(0);
    assertThat(finishChoice.get("finish_reason").asText()).isEqualTo("stop");
    assertThat(finishChoice.get("native_finish_reason").asText()).isEqualTo("STOP");
    assertThat(chunks.subList(0, chunks.size() - 2))
        .allSatisfy(c -> assertThat(c.get("choices").get(0).get("finish_reason").isNull()).isTrue());

    JsonNode usageChunk = chunks.get(chunks.size() - 1);
    assertThat(usageChunk.get("choices")).isEmpty();
    assertThat(usageChunk.get("model").asText()).isEqualTo("gemini-2.5-pro");
    JsonNode usage = usageChunk.get("usage");
    assertThat(usage.get("prompt_tokens").asLong()).isEqualTo(34);
    assertThat(usage.get("completion_tokens").asLong()).isEqualTo(1256);
    assertThat(usage.get("total_tokens").asLong()).isEqualTo(1290);
    assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asLong()).isEqualTo(787);
    assertThat(usage.at("/prompt_tokens_details/cached_tokens").asLong()).isZero();
  }

  @Test
  void functionCallsArriveWholeEachWithItsOwnIndexAndFinishAsToolCalls() {
    feed(
        event("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Checking.\"}]},\"index\":0}],"
            + "\"usageMetadata\":{\"promptTokenCount\":40,\"candidatesTokenCount\":2,\"totalTokenCount\":42},"
            + "\"modelVersion\":\"gemini-3-pro-preview\",\"responseId\":\"r1\"}"),
        event("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"get_weather\","
            + "\"args\":{\"city\":\"Paris\"}},\"thoughtSignature\":\"c2lnLUE=\"}]},\"index\":0}],\"responseId\":\"r1\"}"),
        event("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"get_time\","
            + "\"args\":{\"tz\":\"Europe/Paris\"}}}]},\"finishReason\":\"STOP\",\"index\":0}],"
            + "\"usageMetadata\":{\"promptTokenCount\":40,\"candidatesTokenCount\":31,\"thoughtsTokenCount\":12,"
            + "\"totalTokenCount\":83},\"responseId\":\"r1\"}"));
    translator.end();

    JsonNode first = chunks.get(1).at("/choices/0/delta/tool_calls/0");
    assertThat(first.get("index").asInt()).isZero();
    assertThat(first.get("id").asText()).isEqualTo("call_r1_0");
    assertThat(first.get("type").asText()).isEqualTo("function");
    assertThat(first.at("/function/name").asText()).isEqualTo("get_weather");
    assertThat(first.at("/function/arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(first.at("/extra_content/google/thought_signature").asText()).isEqualTo("c2lnLUE=");
    JsonNode second = chunks.get(2).at("/choices/0/delta/tool_calls/0");
    assertThat(second.get("index").asInt()).isEqualTo(1);
    assertThat(second.get("id").asText()).isEqualTo("call_r1_1");
    assertThat(second.has("extra_content")).isFalse();
    assertThat(chunks.get(2).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");

    ResponseSummary summary = translator.summary();
    assertThat(summary.toolCalls()).isEqualTo(2);
    assertThat(summary.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(summary.nativeFinishReason()).isEqualTo("STOP");
    assertThat(summary.servedModel()).isEqualTo("gemini-3-pro-preview");
    assertThat(summary.usage().completionTokens()).isEqualTo(43L);
    assertThat(summary.usage().reasoningTokens()).isEqualTo(12L);
    assertThat(translator.completionText()).contains("Checking.", "get_weather", "{\"city\":\"Paris\"}", "get_time");
  }

  @Test
  void usageIsLastWinsEvenWhenThePromptCountChanges() {
    feed(
        event("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}],"
            + "\"usageMetadata\":{\"promptTokenCount\":55,\"candidatesTokenCount\":1,\"totalTokenCount\":56}}"),
        event("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"b\"}]},\"finishReason\":\"MAX_TOKENS\"}],"
            + "\"usageMetadata\":{\"promptTokenCount\":257,\"cachedContentTokenCount\":200,"
            + "\"toolUsePromptTokenCount\":3,\"candidatesTokenCount\":9,\"totalTokenCount\":269}}"));
    translator.end();

    ResponseSummary summary = translator.summary();
    assertThat(summary.usage().promptTokens()).isEqualTo(260L);
    assertThat(summary.usage().completionTokens()).isEqualTo(9L);
    assertThat(summary.usage().reasoningTokens()).isZero();
    assertThat(summary.usage().cachedReadTokens()).isEqualTo(200L);
    assertThat(summary.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(chunks.get(chunks.size() - 1).at("/usage/prompt_tokens").asLong()).isEqualTo(260);
    assertThat(chunks.get(chunks.size() - 1).at("/usage/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(200);
  }

  @Test
  void errorEventEndsTheTranslationWithAnOpenAiErrorChunk() {
    feed(
        event("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}]}}],"
            + "\"usageMetadata\":{\"promptTokenCount\":5,\"candidatesTokenCount\":1,\"totalTokenCount\":6}}"),
        event("{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\","
            + "\"status\":\"UNAVAILABLE\"}}"),
        event("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"lo\"}]}}]}"));
    translator.end();

    assertThat(chunks).hasSize(2);
    JsonNode error = chunks.get(1).get("error");
    assertThat(error.get("message").asText()).isEqualTo("The model is overloaded. Please try again later.");
    assertThat(error.get("type").asText()).isEqualTo("server_error");
    assertThat(error.get("code").asText()).isEqualTo("UNAVAILABLE");
    ResponseSummary summary = translator.summary();
    assertThat(summary.finishReason()).isEqualTo(FinishReason.ERROR);
    assertThat(summary.error().httpStatus()).isEqualTo(503);
    assertThat(summary.textChars()).isEqualTo(3);
    assertThat(summary.usage().promptTokens()).isEqualTo(5L);
  }

  @Test
  void malformedFunctionCallFinishesWithErrorAndSaysWhy() {
    feed(event("{\"candidates\":[{\"content\":{},\"finishReason\":\"MALFORMED_FUNCTION_CALL\","
        + "\"finishMessage\":\"Malformed function call: print(default_api.get(\",\"index\":0}],"
        + "\"usageMetadata\":{\"promptTokenCount\":61,\"totalTokenCount\":61}}"));
    translator.end();

    JsonNode chunk = chunks.get(0);
    assertThat(chunk.at("/choices/0/finish_reason").asText()).isEqualTo("error");
    assertThat(chunk.at("/choices/0/native_finish_reason").asText()).isEqualTo("MALFORMED_FUNCTION_CALL");
    assertThat(chunk.at("/error/code").asText()).isEqualTo("MALFORMED_FUNCTION_CALL");
    assertThat(chunk.at("/error/message").asText()).startsWith("Malformed function call");
    assertThat(translator.summary().finishReason()).isEqualTo(FinishReason.ERROR);
    assertThat(translator.summary().nativeFinishReason()).isEqualTo("MALFORMED_FUNCTION_CALL");
  }

  @Test
  void blockedPromptGivesOneContentFilterChunk() {
    feed(event("{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"},"
        + "\"usageMetadata\":{\"promptTokenCount\":9,\"totalTokenCount\":9},\"modelVersion\":\"gemini-2.5-flash\"}"));
    translator.end();

    assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    assertThat(chunks.get(0).at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
    assertThat(translator.summary().finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(translator.summary().nativeFinishReason()).isEqualTo("PROHIBITED_CONTENT");
  }

  @Test
  void lastEventWithoutItsBlankLineStillCounts() {
    translator.feed(Buffer.buffer("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"é😀\"}]},"
        + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":2,\"candidatesTokenCount\":2}}"));
    translator.end();

    assertThat(translator.summary().textChars()).isEqualTo(2); // code points, not UTF-16 units
    assertThat(translator.summary().finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void eventThatIsNotJsonIsRejected() {
    assertThatThrownBy(() -> feed(event("<html>oops</html>")))
        .isInstanceOf(dev.switchboard.gateway.provider.MalformedStreamException.class);
  }

  private void feed(String... events) {
    for (String e : events) {
      translator.feed(Buffer.buffer(e));
    }
  }

  private static String event(String json) {
    return "data: " + json + "\r\n\r\n";
  }

  private static String join(List<JsonNode> deltas, String field) {
    StringBuilder joined = new StringBuilder();
    deltas.stream().filter(d -> d.has(field)).forEach(d -> joined.append(d.get(field).asText()));
    return joined.toString();
  }

  private static int lastIndexWith(List<JsonNode> deltas, String field) {
    for (int i = deltas.size() - 1; i >= 0; i--) {
      if (deltas.get(i).has(field)) {
        return i;
      }
    }
    return -1;
  }

  private static int firstIndexWith(List<JsonNode> deltas, String field) {
    for (int i = 0; i < deltas.size(); i++) {
      if (deltas.get(i).has(field)) {
        return i;
      }
    }
    return -1;
  }
}

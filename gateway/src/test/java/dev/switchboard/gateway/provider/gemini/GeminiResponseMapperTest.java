package dev.switchboard.gateway.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.telemetry.FinishReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Checks the OpenAI {@code chat.completion} a whole Gemini answer becomes. */
class GeminiResponseMapperTest {

  @Test
  void functionCallBecomesAToolCallWithAGeneratedStableId() {
    ChatCompletion completion = GeminiResponseMapper.map(GeminiFixtures.response("gemini-nonstream-function-call.json"));

    JsonNode body = completion.body();
    assertThat(body.get("object").asText()).isEqualTo("chat.completion");
    assertThat(body.get("model").asText()).isEqualTo("gemini-2.0-flash");
    JsonNode choice = body.get("choices").get(0);
    assertThat(choice.get("index").asInt()).isZero();
    assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(choice.get("native_finish_reason").asText()).isEqualTo("STOP");
    JsonNode message = choice.get("message");
    assertThat(message.get("role").asText()).isEqualTo("assistant");
    assertThat(message.get("content").isNull()).isTrue();
    JsonNode call = message.get("tool_calls").get(0);
    assertThat(call.get("id").asText()).isEqualTo("call_LlteaIDvD9m7nvgPz5Sb0Aw_0");
    assertThat(call.has("index")).isFalse();
    assertThat(call.get("type").asText()).isEqualTo("function");
    assertThat(call.at("/function/name").asText()).isEqualTo("get_user_country");
    assertThat(call.at("/function/arguments").asText()).isEqualTo("{}");
    assertThat(body.at("/usage/prompt_tokens").asLong()).isEqualTo(33);
    assertThat(body.at("/usage/completion_tokens").asLong()).isEqualTo(5);
    assertThat(body.at("/usage/total_tokens").asLong()).isEqualTo(38);
    assertThat(body.at("/usage/completion_tokens_details/reasoning_tokens").asLong()).isZero();
    assertThat(completion.summary().servedModel()).isEqualTo("gemini-2.0-flash");
    assertThat(completion.completionText()).isEqualTo("get_user_country{}");
    // the same response mapped twice gives the same ids
    assertThat(GeminiResponseMapper.map(GeminiFixtures.response("gemini-nonstream-function-call.json"))
        .body().at("/choices/0/message/tool_calls/0/id").asText()).isEqualTo(call.get("id").asText());
  }

  @Test
  void blockedPromptIsAnEmptyContentFilteredAnswer() {
    ChatCompletion completion =
        GeminiResponseMapper.map(GeminiFixtures.response("gemini-nonstream-prompt-blocked-safety.json"));

    JsonNode choice = completion.body().get("choices").get(0);
    assertThat(choice.get("finish_reason").asText()).isEqualTo("content_filter");
    assertThat(choice.get("native_finish_reason").asText()).isEqualTo("SAFETY");
    assertThat(choice.at("/message/content").asText()).isEmpty();
    assertThat(completion.body().at("/usage/prompt_tokens").asLong()).isEqualTo(12);
    assertThat(completion.summary().finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
  }

  @Test
  void thoughtPartsBecomeReasoningAndSignaturesRideOnToolCalls() throws Exception {
    GeminiResponse response = GeminiJson.MAPPER.readValue("""
        {"candidates":[{"content":{"role":"model","parts":[
            {"text":"**Planning** I should look it up.","thought":true},
            {"text":"Let me look that up."},
            {"functionCall":{"id":"fc-7","name":"search","args":{"q":"Paris"}},"thoughtSignature":"U0lH"}]},
          "finishReason":"STOP","index":0}],
         "usageMetadata":{"promptTokenCount":20,"candidatesTokenCount":15,"thoughtsTokenCount":30,
           "cachedContentTokenCount":8,"totalTokenCount":65},
         "modelVersion":"gemini-3-pro-preview","responseId":"abc"}""", GeminiResponse.class);

    ChatCompletion completion = GeminiResponseMapper.map(response);

    JsonNode message = completion.body().at("/choices/0/message");
    assertThat(message.get("content").asText()).isEqualTo("Let me look that up.");
    assertThat(message.get("reasoning").asText()).isEqualTo("**Planning** I should look it up.");
    assertThat(message.at("/reasoning_details/0/type").asText()).isEqualTo("reasoning.text");
    assertThat(message.at("/reasoning_details/0/text").asText()).isEqualTo("**Planning** I should look it up.");
    assertThat(message.at("/tool_calls/0/id").asText()).isEqualTo("fc-7");
    assertThat(message.at("/tool_calls/0/extra_content/google/thought_signature").asText()).isEqualTo("U0lH");
    assertThat(completion.body().at("/usage/completion_tokens").asLong()).isEqualTo(45);
    assertThat(completion.body().at("/usage/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(8);
    assertThat(completion.summary().reasoningChars()).isEqualTo(33);
    assertThat(completion.summary().textChars()).isEqualTo(20);
    assertThat(completion.summary().finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
  }

  @Test
  void everyCandidateBecomesAChoice() throws Exception {
    GeminiResponse response = GeminiJson.MAPPER.readValue("""
        {"candidates":[
          {"content":{"parts":[{"text":"Rome"}],"role":"model"},"finishReason":"STOP","index":0},
          {"content":{"parts":[{"text":"Roma, the"}],"role":"model"},"finishReason":"MAX_TOKENS","index":1}],
         "usageMetadata":{"promptTokenCount":7,"candidatesTokenCount":6,"totalTokenCount":13}}""",
        GeminiResponse.class);

    JsonNode choices = GeminiResponseMapper.map(response).body().get("choices");
    assertThat(choices).hasSize(2);
    assertThat(choices.get(1).get("index").asInt()).isEqualTo(1);
    assertThat(choices.get(1).at("/message/content").asText()).isEqualTo("Roma, the");
    assertThat(choices.get(1).get("finish_reason").asText()).isEqualTo("length");
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource({
    "STOP, false, stop",
    "STOP, true, tool_calls",
    "MAX_TOKENS, false, length",
    "SAFETY, false, content_filter",
    "RECITATION, false, content_filter",
    "BLOCKLIST, false, content_filter",
    "PROHIBITED_CONTENT, false, content_filter",
    "SPII, false, content_filter",
    "IMAGE_SAFETY, false, content_filter",
    "LANGUAGE, false, content_filter",
    "MODEL_ARMOR, false, content_filter",
    "MALFORMED_FUNCTION_CALL, false, error",
    "UNEXPECTED_TOOL_CALL, true, error",
    "TOO_MANY_TOOL_CALLS, true, error",
    "OTHER, false, stop",
    "FINISH_REASON_UNSPECIFIED, false, stop",
    "SOME_VALUE_ADDED_IN_2027, false, stop"
  })
  void finishReasonsNormalizeAsTheTableSays(String nativeValue, boolean calledFunction, String expected) {
    assertThat(GeminiFinishReason.normalize(nativeValue, calledFunction).wireName()).isEqualTo(expected);
  }

  @Test
  void unknownFinishKeepsTheNativeValue() throws Exception {
    GeminiResponse response = GeminiJson.MAPPER.readValue(
        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"hi\"}]},\"finishReason\":\"NEW_REASON\"}]}",
        GeminiResponse.class);

    ChatCompletion completion = GeminiResponseMapper.map(response);
    assertThat(completion.summary().finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(completion.summary().nativeFinishReason()).isEqualTo("NEW_REASON");
    assertThat(completion.summary().usage().isReported()).isFalse();
    assertThat(completion.body().has("usage")).isFalse();
  }
}

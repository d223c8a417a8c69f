package dev.switchboard.gateway.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.TokenUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatStreamAccumulatorTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ChatStreamAccumulator accumulator = new ChatStreamAccumulator();

  private void accept(String... chunks) throws Exception {
    for (String chunk : chunks) {
      accumulator.accept(MAPPER.readTree(chunk));
    }
  }

  private static String delta(String delta) {
    return "{\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"finish_reason\":null}],\"usage\":null}";
  }

  @Test
  void laterNullUsageNeverErasesReportedUsage() throws Exception {
    accept(
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":78,\"completion_tokens\":9,\"total_tokens\":87}}",
        "{\"choices\":[],\"usage\":null,\"moderation\":{}}",
        "{\"choices\":[{\"index\":0,\"delta\":{}}]}");

    assertThat(accumulator.summary().usage()).isEqualTo(new TokenUsage(78L, 9L, null, 0L, 0L));
  }

  @Test
  void repeatedUsageIsNotSummed() throws Exception {
    String usage =
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}";
    accept(usage, usage, usage);

    assertThat(accumulator.summary().usage()).isEqualTo(new TokenUsage(10L, 5L, null, 0L, 0L));
  }

  @Test
  void lastReportedUsageWins() throws Exception {
    // vLLM continuous_usage_stats puts cumulative usage on every chunk
    accept(
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1,\"total_tokens\":11}}",
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":7,\"total_tokens\":17}}");

    assertThat(accumulator.summary().usage().completionTokens()).isEqualTo(7L);
  }

  @Test
  void noUsageIsUnknownNotZero() throws Exception {
    accept(delta("{\"content\":\"hi\"}"));

    ResponseSummary summary = accumulator.summary();
    assertThat(summary.usage()).isEqualTo(TokenUsage.unknown());
    assertThat(summary.finishReason()).isNull();
    assertThat(summary.nativeFinishReason()).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "stop, stop",
    "length, length",
    "tool_calls, tool_calls",
    "content_filter, content_filter",
    "function_call, tool_calls",
    "model_length, length",
    "insufficient_system_resource, error",
    "sensitive, content_filter",
    "network_error, error",
    "error, error",
    "end_of_something_new, stop"
  })
  void finishReasonIsNormalizedAndNativeKept(String nativeValue, String normalized)
      throws Exception {
    accept("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + nativeValue + "\"}]}");

    ResponseSummary summary = accumulator.summary();
    assertThat(summary.finishReason().wireName()).isEqualTo(normalized);
    assertThat(summary.nativeFinishReason()).isEqualTo(nativeValue);
  }

  @Test
  void inStreamErrorEndsWithErrorAndKeepsUsage() throws Exception {
    // OpenRouter: HTTP 200, then a chunk with a top-level error next to choices and usage
    accept(
        delta("{\"content\":\"par\"}"),
        """
        {"error":{"code":502,"message":"Provider returned error","metadata":{"provider_name":"X"}},
         "choices":[{"index":0,"delta":{},"finish_reason":"error","native_finish_reason":"error"}],
         "usage":{"prompt_tokens":4,"completion_tokens":1,"total_tokens":5}}\
        """);

    ResponseSummary summary = accumulator.summary();
    assertThat(summary.finishReason()).isEqualTo(FinishReason.ERROR);
    assertThat(summary.nativeFinishReason()).isEqualTo("error");
    assertThat(summary.usage().promptTokens()).isEqualTo(4L);
    assertThat(summary.error())
        .isEqualTo(new UpstreamError(502, null, "502", "Provider returned error", null));
    assertThat(summary.textChars()).isEqualTo(3);
  }

  @Test
  void groqErrorEventKeepsTypeAndCode() throws Exception {
    accept(
        """
        {"error":{"message":"Failed to call a function.","type":"invalid_request_error",
         "code":"tool_use_failed","status_code":400}}\
        """);

    ResponseSummary summary = accumulator.summary();
    assertThat(summary.finishReason()).isEqualTo(FinishReason.ERROR);
    assertThat(summary.nativeFinishReason()).isNull();
    assertThat(summary.error())
        .isEqualTo(
            new UpstreamError(
                400,
                "invalid_request_error",
                "tool_use_failed",
                "Failed to call a function.",
                null));
  }

  @Test
  void streamedToolCallIsOneCallAcrossDeltas() throws Exception {
    accept(
        delta(
            "{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_capital\",\"arguments\":\"\"}}]}"),
        delta("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"country\\\"\"}}]}"),
        delta(
            "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":\\\"France\\\"}\"}}]}"));

    assertThat(accumulator.summary().toolCalls()).isEqualTo(1);
    assertThat(accumulator.completionText()).isEqualTo("get_capital{\"country\":\"France\"}");
  }

  @Test
  void emptyIdAndNameOnContinuationNeverOverwrite() throws Exception {
    // Qwen repeats index 0 with "id":""; some servers send "name":""
    accept(
        delta(
            "{\"tool_calls\":[{\"index\":0,\"id\":\"call_9\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"{\"}}]}"),
        delta(
            "{\"tool_calls\":[{\"index\":0,\"id\":\"\",\"type\":\"function\",\"function\":{\"name\":\"\",\"arguments\":\"}\"}}]}"));

    assertThat(accumulator.summary().toolCalls()).isEqualTo(1);
    assertThat(accumulator.completionText()).isEqualTo("weather{}");
  }

  @Test
  void parallelCallsAreCountedByIndex() throws Exception {
    accept(
        delta(
            "{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}"),
        delta(
            "{\"tool_calls\":[{\"index\":1,\"id\":\"b\",\"function\":{\"name\":\"g\",\"arguments\":\"\"}}]}"),
        delta("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{}\"}}]}"));

    assertThat(accumulator.summary().toolCalls()).isEqualTo(2);
  }

  @Test
  void wholeCallsWithoutIndexAreKeyedById() throws Exception {
    // Mistral: the complete call arrives without index, with finish_reason and usage
    accept(
        """
        {"choices":[{"index":0,"delta":{"content":null,"tool_calls":[
          {"id":"gSIMJiOkT","function":{"name":"weather","arguments":"{}"}},
          {"id":"hTJNKjPlU","function":{"name":"time","arguments":"{}"}}]},
         "finish_reason":"tool_calls"}]}\
        """);

    assertThat(accumulator.summary().toolCalls()).isEqualTo(2);
  }

  @Test
  void callsOfDifferentChoicesAreDistinct() throws Exception {
    accept(
        """
        {"choices":[
          {"index":0,"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"f"}}]}},
          {"index":1,"delta":{"tool_calls":[{"index":0,"id":"b","function":{"name":"f"}}]}}]}\
        """);

    assertThat(accumulator.summary().toolCalls()).isEqualTo(2);
  }

  @Test
  void legacyFunctionCallCountsAsOneCall() throws Exception {
    accept(
        delta("{\"function_call\":{\"name\":\"f\",\"arguments\":\"\"}}"),
        delta("{\"function_call\":{\"arguments\":\"{}\"}}"),
        "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"function_call\"}]}");

    assertThat(accumulator.summary().toolCalls()).isEqualTo(1);
    assertThat(accumulator.summary().finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
  }

  @Test
  void textIsCountedInCodePoints() throws Exception {
    accept(
        delta("{\"content\":\"😀é\"}"), delta("{\"content\":null,\"reasoning_content\":\"𝕏\"}"));

    ResponseSummary summary = accumulator.summary();
    assertThat(summary.textChars()).isEqualTo(2);
    assertThat(summary.reasoningChars()).isEqualTo(1);
  }

  @Test
  void reasoningSentInTwoFieldsCountsOnce() throws Exception {
    accept(
        delta("{\"reasoning_content\":\"think\",\"reasoning\":\"think\"}"),
        delta("{\"reasoning\":\"more\"}"));

    assertThat(accumulator.summary().reasoningChars()).isEqualTo(9);
  }

  @Test
  void mistralThinkingPartsAreReasoning() throws Exception {
    accept(
        delta(
            """
            {"content":[{"type":"thinking","thinking":[{"type":"text","text":"hmm"}]},
                        {"type":"text","text":"Paris"}]}\
            """));

    ResponseSummary summary = accumulator.summary();
    assertThat(summary.reasoningChars()).isEqualTo(3);
    assertThat(summary.textChars()).isEqualTo(5);
    assertThat(accumulator.completionText()).isEqualTo("hmmParis");
  }

  @Test
  void servedModelComesFromChunks() throws Exception {
    accept(
        "{\"model\":\"\",\"choices\":[],\"prompt_filter_results\":[]}",
        "{\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[]}");

    assertThat(accumulator.summary().servedModel()).isEqualTo("gpt-4o-mini-2024-07-18");
  }

  @Test
  void completionTextIsCappedAtOneMebibyte() throws Exception {
    String piece = "x".repeat(300_000);
    for (int i = 0; i < 4; i++) {
      accept(delta("{\"content\":\"" + piece + "\"}"));
    }

    assertThat(accumulator.completionText())
        .hasSize(ChatStreamAccumulator.MAX_COMPLETION_TEXT_CHARS);
    assertThat(accumulator.completionTextTruncated()).isTrue();
    assertThat(accumulator.summary().textChars()).isEqualTo(1_200_000);
  }

  @Test
  void nonObjectsAreIgnored() throws Exception {
    accept("[]", "42", "null");

    assertThat(accumulator.summary().usage()).isEqualTo(TokenUsage.unknown());
  }

  @Test
  void openRouterCostAndByokAreCarriedAndByokAddsTheUpstreamBill() throws Exception {
    accept(
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2,"
            + "\"cost\":0.00004,\"is_byok\":true,\"cost_details\":{\"upstream_inference_cost\":0.0008}}}",
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}");

    ResponseSummary summary = accumulator.summary();
    assertThat(summary.providerCostUsd()).isCloseTo(0.00084, offset(1e-12));
    assertThat(summary.byok()).isTrue();
  }

  @Test
  void xaiTicksAreTenBillionthsOfADollar() throws Exception {
    accept("{\"choices\":[],\"usage\":{\"prompt_tokens\":288,\"completion_tokens\":27,\"total_tokens\":628,"
        + "\"cost_in_usd_ticks\":1918250}}");

    assertThat(accumulator.summary().providerCostUsd()).isCloseTo(0.000191825, offset(1e-12));
    assertThat(accumulator.summary().byok()).isFalse();
  }

  @Test
  void noReportedCostStaysNull() throws Exception {
    accept("{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}");

    assertThat(accumulator.summary().providerCostUsd()).isNull();
  }

  @Test
  void miniMaxBaseRespFailureIsAnErrorWithTheMappedStatus() throws Exception {
    accept("{\"id\":\"x\",\"choices\":null,\"base_resp\":{\"status_code\":1004,\"status_msg\":\"login fail\"}}");

    ResponseSummary summary = accumulator.summary();
    assertThat(summary.finishReason()).isEqualTo(FinishReason.ERROR);
    assertThat(summary.error().httpStatus()).isEqualTo(401);
    assertThat(summary.error().code()).isEqualTo("1004");
    assertThat(summary.error().message()).isEqualTo("login fail");
  }
}

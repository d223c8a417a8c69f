package dev.switchboard.gateway.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.telemetry.FinishReason;
import org.junit.jupiter.api.Test;

/** Checks whole Anthropic messages become OpenAI {@code chat.completion} bodies. */
class AnthropicResponseMapperTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void cachedAnswerCarriesTextAndTheFullUsageSplit() throws Exception {
    JsonNode message =
        JSON.readTree(
            AnthropicContractTest.read(
                AnthropicContractTest.DIR + "anthropic-messages-nonstream-cache-write-read.json"));

    ChatCompletion completion = AnthropicResponseMapper.map(message, false, 1_700_000_000L);

    JsonNode body = completion.body();
    assertThat(body.get("object").asText()).isEqualTo("chat.completion");
    assertThat(body.get("model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
    assertThat(body.at("/choices/0/message/content").asText())
        .startsWith("Python is a beginner-friendly");
    assertThat(body.at("/choices/0/message").has("tool_calls")).isFalse();
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(body.at("/choices/0/native_finish_reason").asText()).isEqualTo("end_turn");
    assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(1532);
    assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(33);
    assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(1565);
    assertThat(body.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(1111);
    assertThat(body.at("/usage/prompt_tokens_details/cache_write_tokens").asInt()).isEqualTo(418);
    assertThat(body.at("/usage").has("completion_tokens_details")).isFalse();
  }

  @Test
  void thinkingAndToolUseBecomeReasoningDetailsAndToolCalls() throws Exception {
    // block shapes from Anthropic's extended-thinking docs; server tool blocks must not count
    JsonNode message =
        JSON.readTree(
            """
{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5",
 "content":[
   {"type":"thinking","thinking":"Need the weather tool.","signature":"EqQBCkYIBRgC"},
   {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3"},
   {"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"x"}},
   {"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[]},
   {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris","days":2}}],
 "stop_reason":"tool_use","stop_sequence":null,
 "usage":{"input_tokens":50,"output_tokens":90,"output_tokens_details":{"thinking_tokens":40}}}""");

    ChatCompletion completion = AnthropicResponseMapper.map(message, false, 0);

    JsonNode out = completion.body().at("/choices/0/message");
    assertThat(out.get("content").isNull()).isTrue();
    assertThat(out.get("reasoning").asText()).isEqualTo("Need the weather tool.");
    assertThat(out.at("/reasoning_details/0/type").asText()).isEqualTo("reasoning.text");
    assertThat(out.at("/reasoning_details/0/signature").asText()).isEqualTo("EqQBCkYIBRgC");
    assertThat(out.at("/reasoning_details/1/type").asText()).isEqualTo("reasoning.encrypted");
    assertThat(out.at("/reasoning_details/1/index").asInt()).isEqualTo(1);
    assertThat(out.get("tool_calls")).hasSize(1);
    assertThat(out.at("/tool_calls/0/id").asText()).isEqualTo("toolu_01");
    assertThat(JSON.readTree(out.at("/tool_calls/0/function/arguments").asText()))
        .isEqualTo(JSON.readTree("{\"city\":\"Paris\",\"days\":2}"));
    assertThat(completion.body().at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(completion.body().at("/usage/completion_tokens_details/reasoning_tokens").asInt())
        .isEqualTo(40);
    assertThat(completion.summary().toolCalls()).isEqualTo(1);
    assertThat(completion.summary().finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(completion.summary().reasoningChars()).isEqualTo(22);
    assertThat(completion.summary().usage().reasoningTokens()).isEqualTo(40L);

    JsonNode excluded =
        AnthropicResponseMapper.map(message, true, 0).body().at("/choices/0/message");
    assertThat(excluded.has("reasoning")).isFalse();
    assertThat(excluded.has("reasoning_details")).isFalse();
  }

  @Test
  void compactionIterationsAreBilledAsTheirSum() throws Exception {
    AnthropicUsage usage =
        AnthropicUsage.NONE
            .overlay(JSON.readTree("{\"input_tokens\":10,\"output_tokens\":1}"))
            .overlay(
                JSON.readTree(
                    """
{"input_tokens":200,"output_tokens":50,"iterations":[
  {"type":"compaction","input_tokens":1000,"output_tokens":40,"cache_read_input_tokens":300},
  {"type":"message","input_tokens":200,"output_tokens":50}]}"""));

    assertThat(usage.toTokenUsage().promptTokens()).isEqualTo(1500L);
    assertThat(usage.toTokenUsage().completionTokens()).isEqualTo(90L);
    assertThat(usage.toTokenUsage().cachedReadTokens()).isEqualTo(300L);
  }
}

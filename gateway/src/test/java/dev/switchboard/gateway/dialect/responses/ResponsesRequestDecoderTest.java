package dev.switchboard.gateway.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiErrorException;
import org.junit.jupiter.api.Test;

/** Decodes Responses request bodies into chat bodies, without a server. */
class ResponsesRequestDecoderTest {

  @Test
  void aRunOfReasoningMessageAndFunctionCallsIsOneAssistantMessage() {
    ObjectNode chat = decode("""
        {"model":"m","input":[
          {"type":"message","role":"user","content":"List files and read one"},
          {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Plan"}],"encrypted_content":"gAAAA-openai"},
          {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Let me look."}]},
          {"type":"function_call","call_id":"c1","name":"ls","arguments":"{}"},
          {"type":"function_call","call_id":"c2","name":"cat","arguments":"{\\"f\\":\\"a\\"}"},
          {"type":"function_call_output","call_id":"c1","output":"a"},
          {"type":"function_call_output","call_id":"c2","output":[{"type":"input_text","text":"hello"}]},
          {"type":"web_search_call","id":"ws_1","status":"completed"},
          {"type":"reasoning","id":"rs_2","summary":[]}]}""");

    JsonNode messages = chat.get("messages");
    assertThat(messages).hasSize(4);
    JsonNode assistant = messages.get(1);
    assertThat(assistant.get("role").asText()).isEqualTo("assistant");
    assertThat(assistant.get("content").asText()).isEqualTo("Let me look.");
    assertThat(assistant.get("tool_calls")).hasSize(2);
    assertThat(assistant.at("/tool_calls/1/function/arguments").asText()).isEqualTo("{\"f\":\"a\"}");
    JsonNode details = assistant.get("reasoning_details");
    assertThat(details).hasSize(2);
    assertThat(details.at("/0/type").asText()).isEqualTo("reasoning.summary");
    assertThat(details.at("/0/summary").asText()).isEqualTo("Plan");
    assertThat(details.at("/0/format").asText()).isEqualTo("openai-responses-v1");
    assertThat(details.at("/1/type").asText()).isEqualTo("reasoning.encrypted");
    assertThat(details.at("/1/data").asText()).isEqualTo("gAAAA-openai");
    assertThat(messages.at("/2/tool_call_id").asText()).isEqualTo("c1");
    assertThat(messages.at("/3/content/0/text").asText()).isEqualTo("hello");
  }

  @Test
  void carriedReasoningComesBackAsTheUpstreamsOwnDetails() {
    String carried = ReasoningCarrier.wrap(
        ResponsesWire.read("""
            [{"type":"reasoning.text","text":"think","signature":"sig","format":"anthropic-claude-v1","index":0}]"""),
        ResponsesWire.read("[]"));

    ObjectNode chat = decode("""
        {"model":"m","input":[{"role":"user","content":"q"},
          {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"%s"},
          {"type":"function_call","call_id":"c1","name":"ls","arguments":"{}"}]}""".formatted(carried));

    JsonNode detail = chat.at("/messages/1/reasoning_details/0");
    assertThat(detail.get("format").asText()).isEqualTo("anthropic-claude-v1");
    assertThat(detail.get("signature").asText()).isEqualTo("sig");
    assertThat(chat.at("/messages/1/content").isNull()).isTrue();
  }

  @Test
  void knobsAreRenamedAndHostedToolsLeftOut() {
    ObjectNode chat = decode("""
        {"model":"m","input":"hi","instructions":"be nice","max_output_tokens":100,"top_p":0.5,
         "reasoning":{"effort":"minimal"},"text":{"format":{"type":"json_object"},"verbosity":"low"},
         "tools":[{"type":"web_search_preview"}],"tool_choice":"required","parallel_tool_calls":true,
         "safety_identifier":"u1","include":["reasoning.encrypted_content"],"store":false}""");

    assertThat(chat.at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(chat.at("/messages/1/content").asText()).isEqualTo("hi");
    assertThat(chat.get("max_tokens").asInt()).isEqualTo(100);
    assertThat(chat.get("top_p").asDouble()).isEqualTo(0.5);
    assertThat(chat.get("reasoning_effort").asText()).isEqualTo("minimal");
    assertThat(chat.at("/response_format/type").asText()).isEqualTo("json_object");
    assertThat(chat.get("user").asText()).isEqualTo("u1");
    assertThat(chat.has("tools")).isFalse();
    assertThat(chat.has("tool_choice")).isFalse();
    assertThat(chat.has("parallel_tool_calls")).isFalse();
    assertThat(chat.has("include")).isFalse();
  }

  @Test
  void forcedFunctionBecomesAChatToolChoice() {
    ObjectNode chat = decode("""
        {"model":"m","input":"hi","tool_choice":{"type":"function","name":"f"},
         "tools":[{"type":"function","name":"f","parameters":null}]}""");

    assertThat(chat.at("/tool_choice/function/name").asText()).isEqualTo("f");
    assertThat(chat.at("/tools/0/function/parameters/type").asText()).isEqualTo("object");
  }

  @Test
  void namespacedFunctionsAreFlattenedAndCallLessOutputsBecomeUserContext() {
    ObjectNode chat = decode("""
        {"model":"m","tools":[{"type":"namespace","name":"multi_agent_v1","description":"Sub-agents",
           "tools":[{"type":"function","name":"close_agent","parameters":{"type":"object","properties":{}}}]}],
         "input":[{"role":"user","content":"go"},
           {"type":"function_call","call_id":"c1","namespace":"multi_agent_v1","name":"close_agent","arguments":"{}"},
           {"type":"function_call_output","call_id":"c1","output":"closed"},
           {"type":"function_call_output","name":"goal_objective","namespace":"agent","output":"say"}]}""");

    assertThat(chat.at("/tools/0/function/name").asText()).isEqualTo("multi_agent_v1__close_agent");
    assertThat(chat.at("/messages/1/tool_calls/0/function/name").asText()).isEqualTo("multi_agent_v1__close_agent");
    assertThat(chat.at("/messages/2/role").asText()).isEqualTo("tool");
    assertThat(chat.at("/messages/3/role").asText()).isEqualTo("user");
    assertThat(chat.at("/messages/3/content").asText()).isEqualTo("goal_objective: say");
  }

  @Test
  void conversationAndFileUrlsAreRefused() {
    assertThatThrownBy(() -> decode("{\"model\":\"m\",\"input\":\"hi\",\"conversation\":\"conv_1\"}"))
        .isInstanceOf(ApiErrorException.class)
        .satisfies(e -> assertThat(((ApiErrorException) e).error().param()).isEqualTo("conversation"));
    assertThatThrownBy(() -> decode("""
        {"model":"m","input":[{"role":"user","content":[{"type":"input_file","file_url":"https://x/a.pdf"}]}]}"""))
        .isInstanceOf(ApiErrorException.class)
        .satisfies(e -> assertThat(((ApiErrorException) e).error().param()).isEqualTo("input[0].content[0]"));
  }

  private static ObjectNode decode(String json) {
    return ResponsesRequestDecoder.decode((ObjectNode) ResponsesWire.read(json));
  }
}

package dev.switchboard.gateway.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiErrorException;
import org.junit.jupiter.api.Test;

/** Checks the OpenAI-to-Anthropic request mapping, field by field. */
class AnthropicRequestMapperTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void systemAndDeveloperMessagesAreConcatenatedIntoTopLevelSystem() {
    JsonNode body =
        map(
            """
            {"model":"anthropic/claude","messages":[
              {"role":"system","content":"You are terse."},
              {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
              {"role":"user","content":"Capital of France?"}]}""");

    assertThat(body.get("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(body.get("system").asText()).isEqualTo("You are terse.\n\nAnswer in French.");
    assertThat(body.get("messages")).hasSize(1);
    assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
    assertThat(body.at("/messages/0/content/0/text").asText()).isEqualTo("Capital of France?");
    assertThat(body.get("max_tokens").asInt()).isEqualTo(AnthropicRequestMapper.DEFAULT_MAX_TOKENS);
    assertThat(body.has("stream")).isFalse();
  }

  @Test
  void systemPartsWithCacheControlStayBlocks() {
    JsonNode body =
        map(
            """
{"model":"m","messages":[
  {"role":"system","content":[{"type":"text","text":"Long manual","cache_control":{"type":"ephemeral"}}]},
  {"role":"user","content":"hi"}]}""");

    assertThat(body.at("/system/0/text").asText()).isEqualTo("Long manual");
    assertThat(body.at("/system/0/cache_control/type").asText()).isEqualTo("ephemeral");
  }

  @Test
  void samplingStopUserAndMaxTokensAreMapped() {
    JsonNode body =
        map(
            """
            {"model":"m","max_completion_tokens":300,"max_tokens":99,"temperature":0.2,"top_p":0.9,
             "stop":"END","user":"user-42","seed":7,"frequency_penalty":1,
             "messages":[{"role":"user","content":"hi"}]}""");

    assertThat(body.get("max_tokens").asInt()).isEqualTo(300);
    assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
    assertThat(body.get("stop_sequences")).hasSize(1);
    assertThat(body.at("/stop_sequences/0").asText()).isEqualTo("END");
    assertThat(body.at("/metadata/user_id").asText()).isEqualTo("user-42");
    assertThat(body.has("seed")).isFalse();
    assertThat(body.has("frequency_penalty")).isFalse();
  }

  @Test
  void toolsAndToolChoiceAreMapped() {
    String tools =
        """
"tools":[{"type":"function","function":{"name":"get_weather","description":"Weather now",
  "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},
  {"type":"function","function":{"name":"now"}}]""";
    JsonNode auto =
        map(
            "{\"model\":\"m\","
                + tools
                + ",\"tool_choice\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(auto.at("/tools/0/name").asText()).isEqualTo("get_weather");
    assertThat(auto.at("/tools/0/description").asText()).isEqualTo("Weather now");
    assertThat(auto.at("/tools/0/input_schema/required/0").asText()).isEqualTo("city");
    assertThat(auto.at("/tools/1/input_schema/type").asText()).isEqualTo("object");
    assertThat(auto.at("/tool_choice/type").asText()).isEqualTo("auto");

    JsonNode required =
        map(
            "{\"model\":\"m\","
                + tools
                + ",\"tool_choice\":\"required\",\"parallel_tool_calls\":false,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(required.at("/tool_choice/type").asText()).isEqualTo("any");
    assertThat(required.at("/tool_choice/disable_parallel_tool_use").asBoolean()).isTrue();

    JsonNode named =
        map(
            "{\"model\":\"m\","
                + tools
                + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"now\"}},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(named.at("/tool_choice/type").asText()).isEqualTo("tool");
    assertThat(named.at("/tool_choice/name").asText()).isEqualTo("now");

    JsonNode none =
        map(
            "{\"model\":\"m\","
                + tools
                + ",\"tool_choice\":\"none\",\"parallel_tool_calls\":false,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(none.get("tool_choice").toString()).isEqualTo("{\"type\":\"none\"}");

    JsonNode serial =
        map(
            "{\"model\":\"m\","
                + tools
                + ",\"parallel_tool_calls\":false,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(serial.get("tool_choice").toString())
        .isEqualTo("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}");

    JsonNode noTools =
        map(
            "{\"model\":\"m\",\"tool_choice\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(noTools.has("tools")).isFalse();
    assertThat(noTools.has("tool_choice")).isFalse();
  }

  @Test
  void toolLoopBecomesToolUseAndOneMergedToolResultTurn() {
    JsonNode body =
        map(
            """
{"model":"m","messages":[
  {"role":"user","content":"Weather in Paris and Rome?"},
  {"role":"assistant","content":null,"tool_calls":[
    {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
    {"id":"functions.get_weather:1","type":"function","function":{"name":"get_weather","arguments":""}}]},
  {"role":"tool","tool_call_id":"call_1","content":"18C"},
  {"role":"tool","tool_call_id":"functions.get_weather:1","content":[{"type":"text","text":"21C"}]},
  {"role":"user","content":"Thanks. Which is warmer?"}]}""");

    JsonNode messages = body.get("messages");
    assertThat(messages).hasSize(3);
    JsonNode assistant = messages.get(1);
    assertThat(assistant.get("role").asText()).isEqualTo("assistant");
    assertThat(assistant.get("content")).hasSize(2);
    assertThat(assistant.at("/content/0/type").asText()).isEqualTo("tool_use");
    assertThat(assistant.at("/content/0/id").asText()).isEqualTo("call_1");
    assertThat(assistant.at("/content/0/input/city").asText()).isEqualTo("Paris");
    assertThat(assistant.at("/content/1/id").asText()).isEqualTo("functions_get_weather_1");
    assertThat(assistant.at("/content/1/input").toString()).isEqualTo("{}");
    JsonNode results = messages.get(2);
    assertThat(results.get("role").asText()).isEqualTo("user");
    assertThat(results.get("content")).hasSize(3);
    assertThat(results.at("/content/0/type").asText()).isEqualTo("tool_result");
    assertThat(results.at("/content/0/tool_use_id").asText()).isEqualTo("call_1");
    assertThat(results.at("/content/0/content").asText()).isEqualTo("18C");
    assertThat(results.at("/content/1/tool_use_id").asText()).isEqualTo("functions_get_weather_1");
    assertThat(results.at("/content/1/content/0/text").asText()).isEqualTo("21C");
    assertThat(results.at("/content/2/type").asText()).isEqualTo("text");
  }

  @Test
  void consecutiveSameRoleMessagesAreMergedAndEmptyOnesDropped() {
    JsonNode body =
        map(
            """
            {"model":"m","messages":[
              {"role":"user","content":"one"},{"role":"user","content":"two"},
              {"role":"assistant","content":""},{"role":"user","content":"three"}]}""");

    assertThat(body.get("messages")).hasSize(1);
    assertThat(body.at("/messages/0/content"))
        .extracting(b -> b.get("text").asText())
        .containsExactly("one", "two", "three");
  }

  @Test
  void imagesBecomeBase64OrUrlSources() {
    JsonNode body =
        map(
            """
{"model":"m","messages":[{"role":"user","content":[
  {"type":"text","text":"Compare"},
  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"low"}},
  {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}}]}]}""");

    JsonNode content = body.at("/messages/0/content");
    assertThat(content.at("/1/type").asText()).isEqualTo("image");
    assertThat(content.at("/1/source/type").asText()).isEqualTo("base64");
    assertThat(content.at("/1/source/media_type").asText()).isEqualTo("image/png");
    assertThat(content.at("/1/source/data").asText()).isEqualTo("iVBORw0KGgo=");
    assertThat(content.at("/2/source/type").asText()).isEqualTo("url");
    assertThat(content.at("/2/source/url").asText()).isEqualTo("https://example.com/cat.jpg");
  }

  @Test
  void pdfFileBecomesADocumentBlock() {
    JsonNode body =
        map(
            """
{"model":"m","messages":[{"role":"user","content":[
  {"type":"file","file":{"filename":"a.pdf","file_data":"data:application/pdf;base64,JVBERi0="}}]}]}""");

    assertThat(body.at("/messages/0/content/0/type").asText()).isEqualTo("document");
    assertThat(body.at("/messages/0/content/0/source/media_type").asText())
        .isEqualTo("application/pdf");
    assertThat(body.at("/messages/0/content/0/title").asText()).isEqualTo("a.pdf");
  }

  @Test
  void reasoningEffortSetsAThinkingBudgetBelowMaxTokensAndDropsSampling() {
    JsonNode medium =
        map(
            "{\"model\":\"m\",\"reasoning_effort\":\"medium\",\"temperature\":0.3,\"top_k\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(medium.at("/thinking/type").asText()).isEqualTo("enabled");
    assertThat(medium.at("/thinking/budget_tokens").asInt()).isEqualTo(4096);
    assertThat(medium.get("max_tokens").asInt())
        .isEqualTo(AnthropicRequestMapper.DEFAULT_THINKING_MAX_TOKENS);
    assertThat(medium.has("temperature")).isFalse();
    assertThat(medium.has("top_k")).isFalse();

    JsonNode high =
        map(
            "{\"model\":\"m\",\"reasoning_effort\":\"high\",\"max_tokens\":2000,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(high.at("/thinking/budget_tokens").asInt()).isEqualTo(16384);
    assertThat(high.get("max_tokens").asInt()).isEqualTo(16384 + 2000);

    JsonNode low =
        map(
            "{\"model\":\"m\",\"reasoning_effort\":\"low\",\"max_tokens\":3000,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(low.at("/thinking/budget_tokens").asInt()).isEqualTo(1024);
    assertThat(low.get("max_tokens").asInt()).isEqualTo(3000);

    JsonNode none =
        map(
            "{\"model\":\"m\",\"reasoning_effort\":\"none\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(none.has("thinking")).isFalse();
  }

  @Test
  void openRouterReasoningObjectSetsBudgetAndExclusion() {
    MappedRequest budget =
        AnthropicRequestMapper.map(
            parse(
                "{\"model\":\"m\",\"reasoning\":{\"max_tokens\":2500,\"exclude\":true},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"),
            "claude",
            true);
    assertThat(budget.body().at("/thinking/budget_tokens").asInt()).isEqualTo(2500);
    assertThat(budget.body().get("stream").asBoolean()).isTrue();
    assertThat(budget.excludeReasoning()).isTrue();

    JsonNode effort =
        map(
            "{\"model\":\"m\",\"reasoning\":{\"effort\":\"low\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(effort.at("/thinking/budget_tokens").asInt()).isEqualTo(1024);

    JsonNode tooSmall =
        map(
            "{\"model\":\"m\",\"reasoning\":{\"max_tokens\":100},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(tooSmall.at("/thinking/budget_tokens").asInt())
        .isEqualTo(ThinkingRequest.MIN_BUDGET);

    JsonNode disabled =
        map(
            "{\"model\":\"m\",\"reasoning\":{\"enabled\":false,\"effort\":\"high\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(disabled.has("thinking")).isFalse();
  }

  @Test
  void reasoningDetailsRoundTripAsSignedThinkingBlocksFirstInTheTurn() {
    JsonNode body =
        map(
            """
{"model":"m","reasoning_effort":"low","messages":[
  {"role":"user","content":"Weather?"},
  {"role":"assistant","content":"Let me check.",
   "reasoning_details":[
     {"type":"reasoning.text","text":"The user wants ","format":"anthropic-claude-v1","index":0},
     {"type":"reasoning.text","text":"the weather.","format":"anthropic-claude-v1","index":0},
     {"type":"reasoning.text","text":"","signature":"EqQBCkYIBRgCIkB","format":"anthropic-claude-v1","index":0},
     {"type":"reasoning.encrypted","data":"EmwKAhgBEgy3va3","format":"anthropic-claude-v1","index":1},
     {"type":"reasoning.text","text":"unsigned","index":2},
     {"type":"reasoning.summary","summary":"s","format":"openai-responses-v1","index":3}],
   "tool_calls":[{"id":"toolu_01","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
  {"role":"tool","tool_call_id":"toolu_01","content":"sunny"}]}""");

    JsonNode assistant = body.at("/messages/1/content");
    assertThat(assistant)
        .extracting(b -> b.get("type").asText())
        .containsExactly("thinking", "redacted_thinking", "text", "tool_use");
    assertThat(assistant.at("/0/thinking").asText()).isEqualTo("The user wants the weather.");
    assertThat(assistant.at("/0/signature").asText()).isEqualTo("EqQBCkYIBRgCIkB");
    assertThat(assistant.at("/1/data").asText()).isEqualTo("EmwKAhgBEgy3va3");
  }

  @Test
  void unsupportedRequestsAreRefusedNamingTheParameter() {
    assertRefused(
        "{\"model\":\"m\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "n");
    assertRefused(
        "{\"model\":\"m\",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{}},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
        "response_format");
    assertRefused(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"function\",\"content\":\"x\"}]}",
        "messages[0].role");
    assertRefused(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{oops\"}}]}]}",
        "messages[0].tool_calls[0].function.arguments");
    assertRefused(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"input_audio\":{}}]}]}",
        "messages[0].content[0].type");
    assertRefused(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"ftp://x\"}}]}]}",
        "messages[0].content[0].image_url.url");
    assertRefused(
        "{\"model\":\"m\",\"reasoning_effort\":\"extreme\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
        "reasoning_effort");
    assertRefused(
        "{\"model\":\"m\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
        "max_tokens");
  }

  private static void assertRefused(String request, String param) {
    assertThatThrownBy(() -> AnthropicRequestMapper.map(parse(request), "claude", false))
        .isInstanceOfSatisfying(
            ApiErrorException.class,
            e -> {
              assertThat(e.error().status()).isEqualTo(400);
              assertThat(e.error().param()).isEqualTo(param);
            });
  }

  private static JsonNode map(String request) {
    return AnthropicRequestMapper.map(parse(request), "claude-sonnet-4-5", false).body();
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}

package dev.switchboard.gateway.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Checks the Gemini request body built from OpenAI chat requests, as it goes on the wire. */
class GeminiRequestMapperTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void systemAndDeveloperMessagesBecomeTheSystemInstruction() throws Exception {
    JsonNode wire = map("""
        {"model":"m","messages":[
          {"role":"system","content":"You are terse."},
          {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
          {"role":"user","content":"Capital of Italy?"}]}""");

    assertThat(wire.at("/systemInstruction/parts/0/text").asText()).isEqualTo("You are terse.");
    assertThat(wire.at("/systemInstruction/parts/1/text").asText()).isEqualTo("Answer in French.");
    assertThat(wire.at("/systemInstruction").has("role")).isFalse();
    assertThat(wire.get("contents")).hasSize(1);
    assertThat(wire.at("/contents/0/role").asText()).isEqualTo("user");
    assertThat(wire.at("/contents/0/parts/0/text").asText()).isEqualTo("Capital of Italy?");
    assertThat(wire.has("generationConfig")).isFalse();
    assertThat(wire.has("tools")).isFalse();
  }

  @Test
  void assistantBecomesModelAndConsecutiveTurnsOfOneRoleAreMerged() throws Exception {
    JsonNode wire = map("""
        {"model":"m","messages":[
          {"role":"user","content":"Hi"},
          {"role":"user","content":"Are you there?"},
          {"role":"assistant","content":"Yes."},
          {"role":"assistant","content":null},
          {"role":"user","content":""},
          {"role":"user","content":"Good."}]}""");

    assertThat(wire.get("contents")).hasSize(3);
    assertThat(wire.at("/contents/0/role").asText()).isEqualTo("user");
    assertThat(wire.at("/contents/0/parts")).hasSize(2);
    assertThat(wire.at("/contents/1/role").asText()).isEqualTo("model");
    assertThat(wire.at("/contents/1/parts/0/text").asText()).isEqualTo("Yes.");
    assertThat(wire.at("/contents/2/parts")).hasSize(1);
    assertThat(wire.at("/contents/2/parts/0/text").asText()).isEqualTo("Good.");
  }

  @Test
  void imagesBecomeInlineDataOrFileData() throws Exception {
    JsonNode wire = map("""
        {"model":"m","messages":[{"role":"user","content":[
          {"type":"text","text":"Compare these."},
          {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"high"}},
          {"type":"image_url","image_url":{"url":"https://example.com/cat.JPG?size=large"}},
          {"type":"image_url","image_url":{"url":"https://example.com/render"}},
          {"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}},
          {"type":"file","file":{"filename":"report.pdf","file_data":"data:application/pdf;base64,JVBERi0="}}]}]}""");

    JsonNode parts = wire.at("/contents/0/parts");
    assertThat(parts.get(0).get("text").asText()).isEqualTo("Compare these.");
    assertThat(parts.get(1).at("/inlineData/mimeType").asText()).isEqualTo("image/png");
    assertThat(parts.get(1).at("/inlineData/data").asText()).isEqualTo("iVBORw0KGgo=");
    assertThat(parts.get(2).at("/fileData/fileUri").asText()).isEqualTo("https://example.com/cat.JPG?size=large");
    assertThat(parts.get(2).at("/fileData/mimeType").asText()).isEqualTo("image/jpeg");
    assertThat(parts.get(3).at("/fileData").has("mimeType")).isFalse();
    assertThat(parts.get(4).at("/inlineData/mimeType").asText()).isEqualTo("audio/wav");
    assertThat(parts.get(5).at("/inlineData/mimeType").asText()).isEqualTo("application/pdf");
    assertThat(parts.get(5).at("/inlineData/data").asText()).isEqualTo("JVBERi0=");
  }

  @Test
  void toolLoopSendsCallsAsFunctionCallsAndResultsAsFunctionResponsesByName() throws Exception {
    JsonNode wire = map("""
        {"model":"m","messages":[
          {"role":"user","content":"Weather and time in Paris?"},
          {"role":"assistant","content":null,"tool_calls":[
            {"id":"call_r1_0","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"},
             "extra_content":{"google":{"thought_signature":"c2lnLUE="}}},
            {"id":"call_r1_1","type":"function","function":{"name":"get_time","arguments":""}}]},
          {"role":"tool","tool_call_id":"call_r1_1","content":"14:05"},
          {"role":"tool","tool_call_id":"call_r1_0","content":"{\\"temp_c\\":21,\\"sky\\":\\"clear\\"}"}]}""");

    assertThat(wire.get("contents")).hasSize(3);
    JsonNode calls = wire.at("/contents/1/parts");
    assertThat(wire.at("/contents/1/role").asText()).isEqualTo("model");
    assertThat(calls.get(0).at("/functionCall/name").asText()).isEqualTo("get_weather");
    assertThat(calls.get(0).at("/functionCall/args/city").asText()).isEqualTo("Paris");
    assertThat(calls.get(0).get("thoughtSignature").asText()).isEqualTo("c2lnLUE=");
    assertThat(calls.get(1).at("/functionCall/args").isObject()).isTrue();
    assertThat(calls.get(1).at("/functionCall/args")).isEmpty();
    assertThat(calls.get(1).has("thoughtSignature")).isFalse();
    assertThat(calls.get(0).at("/functionCall").has("id")).isFalse();

    JsonNode results = wire.at("/contents/2/parts");
    assertThat(wire.at("/contents/2/role").asText()).isEqualTo("user");
    assertThat(results).hasSize(2);
    assertThat(results.get(0).at("/functionResponse/name").asText()).isEqualTo("get_time");
    assertThat(results.get(0).at("/functionResponse/response/output").asText()).isEqualTo("14:05");
    assertThat(results.get(1).at("/functionResponse/name").asText()).isEqualTo("get_weather");
    assertThat(results.get(1).at("/functionResponse/response/temp_c").asInt()).isEqualTo(21);
  }

  @Test
  void openRouterStyleReasoningDetailsAlsoCarryTheSignatureBack() throws Exception {
    JsonNode wire = map("""
        {"model":"m","messages":[
          {"role":"user","content":"Weather?"},
          {"role":"assistant","content":"","tool_calls":[
            {"id":"tool_0","type":"function","function":{"name":"get_weather","arguments":"{}"}}],
           "reasoning_details":[{"type":"reasoning.text","text":"thinking..."},
             {"type":"reasoning.encrypted","id":"tool_0","data":"ZW5jcnlwdGVk","format":"google-gemini-v1"}]},
          {"role":"tool","tool_call_id":"tool_0","content":"sunny"}]}""");

    assertThat(wire.at("/contents/1/parts/0/thoughtSignature").asText()).isEqualTo("ZW5jcnlwdGVk");
    assertThat(wire.at("/contents/1/parts")).hasSize(1); // reasoning text is not sent back
  }

  @Test
  void toolResultNamesComeFromTheLatestCallWithThatId() throws Exception {
    // clients may reuse ids across turns; the result follows the call right before it
    JsonNode wire = map("""
        {"model":"m","messages":[
          {"role":"user","content":"go"},
          {"role":"assistant","tool_calls":[{"id":"call_0","type":"function","function":{"name":"first","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"call_0","content":"1"},
          {"role":"assistant","tool_calls":[{"id":"call_0","type":"function","function":{"name":"second","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"call_0","content":"2"}]}""");

    assertThat(wire.at("/contents/2/parts/0/functionResponse/name").asText()).isEqualTo("first");
    assertThat(wire.at("/contents/4/parts/0/functionResponse/name").asText()).isEqualTo("second");
  }

  @Test
  void toolResultForAnUnknownCallIsRefused() {
    assertThatThrownBy(() -> map("""
        {"model":"m","messages":[{"role":"user","content":"go"},
          {"role":"tool","tool_call_id":"call_x","content":"1"}]}"""))
        .isInstanceOf(UntranslatableRequestException.class)
        .hasMessageContaining("call_x")
        .extracting(e -> ((UntranslatableRequestException) e).param())
        .isEqualTo("messages[1].tool_call_id");
  }

  @Test
  void toolsBecomeFunctionDeclarationsWithSchemasGeminiAccepts() throws Exception {
    JsonNode wire = map("""
        {"model":"m","messages":[{"role":"user","content":"hi"}],
         "tools":[
          {"type":"function","function":{"name":"get_weather","description":"Current weather",
            "parameters":{"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
              "properties":{"city":{"type":"string","title":"City"},
                            "unit":{"type":["string","null"],"enum":["c","f"]}},
              "required":["city"],"additionalProperties":false},"strict":true}},
          {"type":"function","function":{"name":"now","parameters":{"type":"object","properties":{}}}}],
         "tool_choice":"required"}""");

    JsonNode declarations = wire.at("/tools/0/functionDeclarations");
    assertThat(wire.get("tools")).hasSize(1);
    assertThat(declarations).hasSize(2);
    JsonNode weather = declarations.get(0);
    assertThat(weather.get("name").asText()).isEqualTo("get_weather");
    assertThat(weather.get("description").asText()).isEqualTo("Current weather");
    assertThat(weather.at("/parameters").has("$schema")).isFalse();
    assertThat(weather.at("/parameters").has("additionalProperties")).isFalse();
    assertThat(weather.at("/parameters/properties/city").has("title")).isFalse();
    assertThat(weather.at("/parameters/properties/unit/type").asText()).isEqualTo("string");
    assertThat(weather.at("/parameters/properties/unit/nullable").asBoolean()).isTrue();
    assertThat(weather.at("/parameters/required/0").asText()).isEqualTo("city");
    assertThat(declarations.get(1).has("parameters")).isFalse();
    assertThat(wire.at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("ANY");
  }

  @Test
  void toolChoiceMapsToFunctionCallingModes() throws Exception {
    String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]";
    assertThat(mode(tools, "\"auto\"")).isEqualTo("AUTO");
    assertThat(mode(tools, "\"none\"")).isEqualTo("NONE");
    JsonNode named = map("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]," + tools
        + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}}");
    assertThat(named.at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("ANY");
    assertThat(named.at("/toolConfig/functionCallingConfig/allowedFunctionNames/0").asText()).isEqualTo("f");
  }

  @Test
  void samplingLengthAndStopSettingsGoToGenerationConfig() throws Exception {
    JsonNode wire = map("""
        {"model":"m","messages":[{"role":"user","content":"x"}],
         "max_tokens":50,"max_completion_tokens":300,"stop":"END","temperature":0.2,"top_p":0.9,
         "seed":7,"n":2,"presence_penalty":0.5,"frequency_penalty":0.25,"user":"u-1"}""");

    JsonNode config = wire.get("generationConfig");
    assertThat(config.get("maxOutputTokens").asLong()).isEqualTo(300);
    assertThat(config.get("stopSequences").get(0).asText()).isEqualTo("END");
    assertThat(config.get("temperature").asDouble()).isEqualTo(0.2);
    assertThat(config.get("topP").asDouble()).isEqualTo(0.9);
    assertThat(config.get("seed").asLong()).isEqualTo(7);
    assertThat(config.get("candidateCount").asInt()).isEqualTo(2);
    assertThat(config.get("presencePenalty").asDouble()).isEqualTo(0.5);
    assertThat(config.get("frequencyPenalty").asDouble()).isEqualTo(0.25);
    assertThat(wire.toString()).doesNotContain("u-1");
  }

  @Test
  void jsonSchemaResponseFormatAsksForJsonWithTheSchema() throws Exception {
    JsonNode wire = map("""
        {"model":"m","messages":[{"role":"user","content":"x"}],
         "response_format":{"type":"json_schema","json_schema":{"name":"city","strict":true,
           "schema":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],
                     "additionalProperties":false}}}}""");

    assertThat(wire.at("/generationConfig/responseMimeType").asText()).isEqualTo("application/json");
    assertThat(wire.at("/generationConfig/responseJsonSchema/properties/name/type").asText()).isEqualTo("string");
    // responseJsonSchema takes JSON Schema as is
    assertThat(wire.at("/generationConfig/responseJsonSchema/additionalProperties").asBoolean(true)).isFalse();

    JsonNode object = map("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"response_format\":{\"type\":\"json_object\"}}");
    assertThat(object.at("/generationConfig/responseMimeType").asText()).isEqualTo("application/json");
    assertThat(object.at("/generationConfig").has("responseJsonSchema")).isFalse();
  }

  @Test
  void reasoningSettingsBecomeThinkingConfig() throws Exception {
    String head = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],";
    JsonNode effort = map(head + "\"reasoning_effort\":\"medium\"}");
    assertThat(effort.at("/generationConfig/thinkingConfig/thinkingBudget").asInt()).isEqualTo(8192);
    assertThat(effort.at("/generationConfig/thinkingConfig/includeThoughts").asBoolean()).isTrue();

    JsonNode budget = map(head + "\"reasoning\":{\"max_tokens\":2000,\"exclude\":true}}");
    assertThat(budget.at("/generationConfig/thinkingConfig/thinkingBudget").asInt()).isEqualTo(2000);
    assertThat(budget.at("/generationConfig/thinkingConfig/includeThoughts").asBoolean()).isFalse();

    JsonNode off = map(head + "\"reasoning_effort\":\"none\"}");
    assertThat(off.at("/generationConfig/thinkingConfig/thinkingBudget").asInt()).isZero();
    assertThat(off.at("/generationConfig/thinkingConfig/includeThoughts").asBoolean()).isFalse();

    JsonNode openRouterEffort = map(head + "\"reasoning\":{\"effort\":\"high\"}}");
    assertThat(openRouterEffort.at("/generationConfig/thinkingConfig/thinkingBudget").asInt()).isEqualTo(24576);

    JsonNode dynamic = map(head + "\"reasoning\":{\"enabled\":true}}");
    assertThat(dynamic.at("/generationConfig/thinkingConfig").has("thinkingBudget")).isFalse();
    assertThat(dynamic.at("/generationConfig/thinkingConfig/includeThoughts").asBoolean()).isTrue();
  }

  @Test
  void partsGeminiCannotTakeAreRefusedNamingTheParameter() {
    assertThatThrownBy(() -> map("""
        {"model":"m","messages":[{"role":"user","content":[{"type":"video_url","video_url":{"url":"x"}}]}]}"""))
        .isInstanceOf(UntranslatableRequestException.class)
        .extracting(e -> ((UntranslatableRequestException) e).param())
        .isEqualTo("messages[0].content[0].type");
    assertThatThrownBy(() -> map("""
        {"model":"m","messages":[{"role":"user","content":"x"},
          {"role":"assistant","tool_calls":[{"id":"a","type":"function","function":{"name":"f","arguments":"{oops"}}]}]}"""))
        .isInstanceOf(UntranslatableRequestException.class)
        .hasMessageContaining("messages[1].tool_calls[0].function.arguments");
    assertThatThrownBy(() -> map("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"only\"}]}"))
        .isInstanceOf(UntranslatableRequestException.class);
  }

  private static String mode(String tools, String choice) throws Exception {
    return map("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]," + tools
        + ",\"tool_choice\":" + choice + "}").at("/toolConfig/functionCallingConfig/mode").asText();
  }

  /** Maps a request and returns the body exactly as it is sent to Gemini. */
  private static JsonNode map(String openAiBody) throws Exception {
    GeminiRequest request = GeminiRequestMapper.map(JSON.readTree(openAiBody));
    return JSON.readTree(GeminiJson.MAPPER.writeValueAsBytes(request));
  }
}

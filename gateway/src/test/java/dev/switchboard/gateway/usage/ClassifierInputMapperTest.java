package dev.switchboard.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.telemetry.classify.ClassifierInput;
import org.junit.jupiter.api.Test;

/** Checks how a chat request body becomes classifier input. */
class ClassifierInputMapperTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void mapsRolesContentPartsToolsAndToolResults() throws Exception {
    ClassifierInput input = ClassifierInputMapper.map(JSON.readTree("""
        {"model":"m","messages":[
          {"role":"system","content":"You are a coding agent."},
          {"role":"developer","content":[{"type":"text","text":"Prefer small diffs."}]},
          {"role":"user","content":"Fix the failing test."},
          {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"read_file","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"c1","content":"def test_total():\\n    assert total([]) == 0"},
          {"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}},{"type":"text","text":"Here is the screenshot."}]}],
         "tools":[{"type":"function","function":{"name":"read_file"}},{"type":"function","function":{"name":"run_tests"}}]}
        """));
    assertThat(input.systemPrompt()).isEqualTo("You are a coding agent.\nPrefer small diffs.");
    assertThat(input.userTurns()).containsExactly("Fix the failing test.", "Here is the screenshot.");
    assertThat(input.assistantTurns()).containsExactly("");
    assertThat(input.toolResults()).containsExactly("def test_total():\n    assert total([]) == 0");
    assertThat(input.toolNames()).containsExactly("read_file", "run_tests");
  }

  @Test
  void bodyWithoutSystemPromptOrToolsMapsToUserTurnsOnly() throws Exception {
    ClassifierInput input = ClassifierInputMapper.map(JSON.readTree(
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    assertThat(input.systemPrompt()).isNull();
    assertThat(input.userTurns()).containsExactly("hi");
    assertThat(input.toolNames()).isEmpty();
  }
}

package dev.switchboard.gateway.judge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.classify.ClassifierInput;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the fixed labelling prompt and the excerpt of the judged request. */
class LabellingPromptTest {

  @Test
  void theInstructionsNameEveryStudyCategoryAndAskForOne() {
    Arrays.stream(Category.values()).forEach(c -> assertThat(LabellingPrompt.INSTRUCTIONS).contains(c.label() + ":"));
    assertThat(LabellingPrompt.INSTRUCTIONS).contains("exactly one category name");
  }

  @Test
  void theExcerptKeepsTheLastUserMessageAndAShortSystemPromptWithinTheLimit() {
    ClassifierInput input = new ClassifierInput("You are a pirate. ".repeat(100),
        List.of("first question", "Tell me a story about treasure " + "x".repeat(5000)), List.of("earlier answer"), null, null);
    String excerpt = LabellingPrompt.excerpt(input, 800);
    assertThat(excerpt).hasSizeLessThanOrEqualTo(800).startsWith("[system] You are a pirate.")
        .contains("[user] Tell me a story about treasure").doesNotContain("first question");
    assertThat(excerpt.indexOf("[user]")).isLessThanOrEqualTo(200);
    assertThat(LabellingPrompt.excerpt(ClassifierInput.ofText("hi"), 800)).isEqualTo("[user] hi");
    assertThat(LabellingPrompt.excerpt(ClassifierInput.ofText("  "), 800)).isEmpty();
  }

  @Test
  void theExcerptNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00".repeat(100);
    String excerpt = LabellingPrompt.excerpt(ClassifierInput.ofText(emoji), 8 + 7);
    assertThat(Character.isHighSurrogate(excerpt.charAt(excerpt.length() - 1))).isFalse();
  }

  @Test
  void theBodyIsAChatRequestForTheJudgeModel() {
    ObjectNode body = LabellingPrompt.body("openai/gpt-4o-mini", "[user] hi");
    assertThat(body.get("model").asText()).isEqualTo("openai/gpt-4o-mini");
    assertThat(body.get("temperature").asInt()).isZero();
    assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(body.at("/messages/1/content").asText()).isEqualTo(LabellingPrompt.OPENING + "[user] hi" + LabellingPrompt.CLOSING);
  }
}

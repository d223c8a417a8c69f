package dev.switchboard.gateway.judge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks that the judge's answer is read robustly and that anything but one category is no label. */
class JudgeAnswerTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Programming|Programming",
      "programming|Programming",
      "  **Roleplay.**  |Roleplay",
      "\"SEO\"|SEO",
      "seo|SEO",
      "Category: Finance|Finance",
      "Translation\\nThe user asks to translate a sentence.|Translation",
      "I would say this is Health related.|Health",
      "`Academia`|Academia",
  })
  void readsOneCategory(String answer, String label) {
    assertThat(JudgeAnswer.label(answer.replace("\\n", "\n"))).contains(label);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "I cannot tell.", "Programming or Technology", "Cooking", "Science and Health"})
  void anythingElseIsNoLabel(String answer) {
    assertThat(JudgeAnswer.label(answer)).isEmpty();
  }
}

package dev.switchboard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelPatternsTest {

  @ParameterizedTest
  @CsvSource({
    "openai/*, openai/gpt-4o-mini, true",
    "openai/*, openai/, true",
    "openai/*, anthropic/claude-sonnet-4.5, false",
    "openai/*, xopenai/gpt-4o, false",
    "*-mini, openai/o3-mini, true",
    "*-mini, openai/o3-mini-high, false",
    "qwen/qwen3-?b, qwen/qwen3-8b, true",
    "qwen/qwen3-?b, qwen/qwen3-32b, false",
    "*/*coder*, qwen/qwen3-coder, true",
    "*, anything/at-all, true",
    "openai/gpt-4o, openai/gpt-4o, true",
    "openai/gpt-4o, openai/gpt-4o-mini, false",
    "a*b*c, aXXbYYbZZc, true",
    "a*b*c, aXXbYYbZZ, false"
  })
  void matchesGlobs(String pattern, String model, boolean expected) {
    assertThat(ModelPatterns.matches(pattern, model)).isEqualTo(expected);
  }

  @Test
  void noPatternsAllowEverythingAndAnyPatternSuffices() {
    assertThat(ModelPatterns.any().allows("whatever/model")).isTrue();
    ModelPatterns two = new ModelPatterns(List.of("openai/*", "qwen/qwen3-coder"));
    assertThat(two.allows("qwen/qwen3-coder")).isTrue();
    assertThat(two.allows("openai/o3-mini")).isTrue();
    assertThat(two.allows("deepseek/deepseek-r1")).isFalse();
  }
}

package dev.switchboard.gateway.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.telemetry.TokenUsage;
import org.junit.jupiter.api.Test;

class OpenAiUsageParserTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  private static TokenUsage usage(String text) throws Exception {
    return OpenAiUsageParser.parse(json(text));
  }

  @Test
  void openAiReasoningStaysInsideCompletion() throws Exception {
    TokenUsage usage =
        usage(
            """
            {"prompt_tokens":577,"completion_tokens":2320,"total_tokens":2897,
             "completion_tokens_details":{"reasoning_tokens":1792},
             "prompt_tokens_details":{"cached_tokens":0}}\
            """);

    assertThat(usage).isEqualTo(new TokenUsage(577L, 2320L, 1792L, 0L, 0L));
  }

  @Test
  void hiddenReasoningInTotalIsAddedToCompletion() throws Exception {
    // xAI: completion_tokens excludes reasoning_tokens, total includes it
    TokenUsage usage =
        usage(
            """
            {"prompt_tokens":291,"completion_tokens":26,"total_tokens":506,
             "completion_tokens_details":{"reasoning_tokens":189}}\
            """);

    assertThat(usage.completionTokens()).isEqualTo(215L);
    assertThat(usage.reasoningTokens()).isEqualTo(189L);
  }

  @Test
  void unreportedHiddenReasoningIsTheDifference() throws Exception {
    // Gemini's OpenAI endpoint: 35 + 12 < 109 and no reasoning_tokens
    TokenUsage usage =
        usage("{\"prompt_tokens\":35,\"completion_tokens\":12,\"total_tokens\":109}");

    assertThat(usage.completionTokens()).isEqualTo(74L);
    assertThat(usage.reasoningTokens()).isEqualTo(62L);
  }

  @Test
  void smallerTotalIsLeftAlone() throws Exception {
    TokenUsage usage = usage("{\"prompt_tokens\":10,\"completion_tokens\":20,\"total_tokens\":25}");

    assertThat(usage).isEqualTo(new TokenUsage(10L, 20L, null, 0L, 0L));
  }

  @Test
  void missingReasoningIsNotReportedRatherThanZero() throws Exception {
    TokenUsage usage =
        usage("{\"prompt_tokens\":124,\"total_tokens\":146,\"completion_tokens\":22}");

    assertThat(usage.reasoningTokens()).isNull();
    assertThat(usage.cachedReadTokens()).isZero();
    assertThat(usage.cacheWriteTokens()).isZero();
  }

  @Test
  void inconsistentUpstreamNumbersAreKeptVerbatim() throws Exception {
    TokenUsage usage =
        usage(
            """
            {"prompt_tokens":5,"completion_tokens":10,"total_tokens":15,
             "completion_tokens_details":{"reasoning_tokens":11}}\
            """);

    assertThat(usage).isEqualTo(new TokenUsage(5L, 10L, 11L, 0L, 0L));
  }

  @Test
  void cacheFieldsFollowEachProvidersNames() throws Exception {
    assertThat(
            usage(
                "{\"prompt_tokens\":9,\"prompt_tokens_details\":{\"cached_tokens\":4,\"cache_write_tokens\":3}}"))
        .isEqualTo(new TokenUsage(9L, null, null, 4L, 3L));
    assertThat(
            usage(
                "{\"prompt_tokens\":9,\"prompt_cache_hit_tokens\":6,\"prompt_cache_miss_tokens\":3}"))
        .extracting(TokenUsage::cachedReadTokens)
        .isEqualTo(6L);
    assertThat(usage("{\"prompt_tokens\":9,\"cached_tokens\":7}"))
        .extracting(TokenUsage::cachedReadTokens)
        .isEqualTo(7L);
  }

  @Test
  void nonObjectUsageIsNoUsage() throws Exception {
    assertThat(OpenAiUsageParser.parse(null)).isNull();
    assertThat(usage("null")).isNull();
    assertThat(usage("[]")).isNull();
  }

  @Test
  void findsUsageInEveryKnownPlace() throws Exception {
    assertThat(OpenAiUsageParser.findIn(json("{\"usage\":{\"prompt_tokens\":1}}")).promptTokens())
        .isEqualTo(1L);
    assertThat(
            OpenAiUsageParser.findIn(
                    json("{\"usage\":null,\"x_groq\":{\"usage\":{\"prompt_tokens\":2}}}"))
                .promptTokens())
        .isEqualTo(2L);
    assertThat(
            OpenAiUsageParser.findIn(json("{\"choices\":[{\"usage\":{\"prompt_tokens\":3}}]}"))
                .promptTokens())
        .isEqualTo(3L);
    assertThat(
            OpenAiUsageParser.findIn(
                json("{\"usage\":null,\"x_groq\":{\"id\":\"r\"},\"choices\":[]}")))
        .isNull();
  }
}

package dev.switchboard.gateway.provider.anthropic;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.provider.FuzzedAnswer;

/**
 * Fuzzes what Anthropic can send: a whole message (read as the adapter reads it), a stream
 * translated for chat clients or relayed to Messages clients (in arbitrary chunks), and an error.
 */
class AnthropicAnswerFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void anyAnswerIsReadOrRefusedAsBad(FuzzedDataProvider data) {
    int mode = data.consumeInt(0, 3);
    boolean exclude = data.consumeBoolean();
    FuzzedAnswer answer = new FuzzedAnswer(data);
    switch (mode) {
      case 0 -> whole(answer, exclude);
      case 1 -> answer.stream(new AnthropicStreamTranslator(chunk -> {}, exclude, FuzzedAnswer.EVENT_BOUND));
      case 2 -> answer.stream(new NativeMessagesStream(chunk -> {}, FuzzedAnswer.EVENT_BOUND));
      default -> FuzzedAnswer.assertWellFormed(AnthropicErrorParser.parse(answer.status, answer.body, answer.headers));
    }
  }

  /** Follows AnthropicAdapter.readCompletion step by step. */
  private static void whole(FuzzedAnswer answer, boolean exclude) {
    JsonNode json = answer.json();
    if (json == null || !json.isObject() || !json.path("content").isArray()) {
      return;
    }
    FuzzedAnswer.assertWellFormed(AnthropicResponseMapper.map(json, exclude, 1_700_000_000L).summary());
  }
}

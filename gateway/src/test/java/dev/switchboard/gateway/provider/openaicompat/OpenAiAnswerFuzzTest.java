package dev.switchboard.gateway.provider.openaicompat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.FuzzedAnswer;

/**
 * Fuzzes what an OpenAI-compatible upstream can send: a whole answer (read as the adapter reads
 * it), a stream (in arbitrary chunks) and an error body with its Retry-After.
 */
class OpenAiAnswerFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void anyAnswerIsReadOrRefusedAsBad(FuzzedDataProvider data) {
    int mode = data.consumeInt(0, 2);
    boolean exclude = data.consumeBoolean();
    FuzzedAnswer answer = new FuzzedAnswer(data);
    switch (mode) {
      case 0 -> whole(answer, exclude);
      case 1 -> answer.stream(
          new OpenAiStreamTranslation(chunk -> {}, new AnswerNormalizer(exclude), FuzzedAnswer.EVENT_BOUND));
      default -> FuzzedAnswer.assertWellFormed(OpenAiErrorParser.parse(answer.status, answer.body, answer.headers));
    }
  }

  /** Follows OpenAiCompatAdapter.readCompletion step by step. */
  private static void whole(FuzzedAnswer answer, boolean exclude) {
    JsonNode json = answer.json();
    if (json == null) {
      return;
    }
    if (json.isObject()) {
      BaseRespError.in(json);
    }
    if (!json.isObject() || !json.path("choices").isArray()) {
      return;
    }
    FuzzedAnswer.assertWellFormed(ChatResponseSummarizer.summarize(json));
    CompletionText.of(json);
    new AnswerNormalizer(exclude).completion((ObjectNode) json);
  }
}

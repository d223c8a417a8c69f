package dev.switchboard.gateway.provider.gemini;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.provider.FuzzedAnswer;
import dev.switchboard.gateway.provider.UpstreamFailure;

/**
 * Fuzzes what Gemini can send: a whole answer (read as the adapter reads it), a stream (in
 * arbitrary chunks) and an error body.
 */
class GeminiAnswerFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void anyAnswerIsReadOrRefusedAsBad(FuzzedDataProvider data) {
    int mode = data.consumeInt(0, 2);
    FuzzedAnswer answer = new FuzzedAnswer(data);
    switch (mode) {
      case 0 -> whole(answer);
      case 1 -> answer.stream(new GeminiStreamTranslator(chunk -> {}, FuzzedAnswer.EVENT_BOUND));
      default -> FuzzedAnswer.assertWellFormed(GeminiErrorMapper.parse(answer.status, answer.body, answer.headers));
    }
  }

  /** Follows GeminiAdapter.readCompletion: what does not parse is a bad answer already. */
  private static void whole(FuzzedAnswer answer) {
    GeminiResponse parsed;
    try {
      JsonNode json = GeminiJson.MAPPER.readTree(answer.body.getBytes());
      if (json == null || !json.isObject()) {
        return;
      }
      parsed = GeminiJson.MAPPER.treeToValue(json, GeminiResponse.class);
    } catch (Exception notAResponse) {
      return;
    }
    try {
      FuzzedAnswer.assertWellFormed(GeminiResponseMapper.map(parsed).summary());
    } catch (UpstreamFailure reported) {
      FuzzedAnswer.assertWellFormed(reported.error());
    }
  }
}

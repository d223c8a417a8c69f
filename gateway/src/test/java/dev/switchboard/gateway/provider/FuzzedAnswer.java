package dev.switchboard.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.provider.openaicompat.ChatResponseSummarizer;
import dev.switchboard.gateway.provider.sse.SseEventTooLargeException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Arrays;

/**
 * Splits one fuzz input into what an upstream sends (status, a Retry-After, a body) and feeds a
 * body to a stream translation in arbitrary chunks, failing on anything but the failures an
 * adapter reports to the client as a bad answer.
 */
public final class FuzzedAnswer {
  /** The bound fuzzed stream translations decode with: small, so the fuzzer reaches it. */
  public static final int EVENT_BOUND = 16 * 1024;

  public final int status;
  public final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
  public final int[] cuts;
  public final Buffer body;

  public FuzzedAnswer(FuzzedDataProvider data) {
    status = data.consumeInt(100, 599);
    if (data.consumeBoolean()) {
      headers.set(data.consumeBoolean() ? "retry-after" : "retry-after-ms", data.consumeString(24));
    }
    cuts = new int[data.consumeInt(0, 8)];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = data.consumeInt(0, 256);
    }
    body = Buffer.buffer(data.consumeRemainingAsBytes());
  }

  /** Feeds the body to {@code translation} in pieces and ends it, then reads what it measured. */
  public void stream(StreamTranslation translation) {
    byte[] bytes = body.getBytes();
    int at = 0;
    try {
      for (int cut : cuts) {
        int n = Math.min(cut, bytes.length - at);
        translation.feed(Buffer.buffer(Arrays.copyOfRange(bytes, at, at + n)));
        at += n;
      }
      translation.feed(Buffer.buffer(Arrays.copyOfRange(bytes, at, bytes.length)));
      translation.end();
    } catch (MalformedStreamException | SseEventTooLargeException | UpstreamFailure expected) {
      // reported to the client as a bad answer
    }
    translation.summary();
    translation.completionText();
  }

  /** Returns the body as JSON the way the adapters read it, or null when it is not JSON. */
  public JsonNode json() {
    try {
      return ChatResponseSummarizer.parseBody(body);
    } catch (IOException notJson) {
      return null;
    }
  }

  /** Checks an upstream error as the client will see it: a status and a message. */
  public static void assertWellFormed(UpstreamError error) {
    assertThat(error).as("an upstream error").isNotNull();
    assertThat(error.message()).as("the message of " + error).isNotNull();
    if (error.retryAfterSeconds() != null) {
      assertThat(error.retryAfterSeconds()).as("Retry-After").isBetween(0, UpstreamError.MAX_RETRY_AFTER_SECONDS);
    }
  }

  /** Checks what was measured of an answer: counts are never negative, whatever was sent. */
  public static void assertWellFormed(ResponseSummary summary) {
    assertThat(summary).as("the summary of an answer").isNotNull();
    assertThat(summary.toolCalls()).as("tool calls").isNotNegative();
    assertThat(summary.textChars()).as("text characters").isNotNegative();
    assertThat(summary.reasoningChars()).as("reasoning characters").isNotNegative();
  }
}

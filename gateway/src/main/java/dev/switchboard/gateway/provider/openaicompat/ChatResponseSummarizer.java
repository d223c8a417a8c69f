package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.RawObject;
import dev.switchboard.gateway.provider.ResponseSummary;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/** Measures a whole (non-streaming) OpenAI-compatible {@code chat.completion} body. */
public final class ChatResponseSummarizer {

  private ChatResponseSummarizer() {}

  /**
   * Parses an upstream JSON body, skipping leading whitespace and blank lines (DeepSeek sends them
   * while busy: https://api-docs.deepseek.com/quick_start/rate_limit).
   *
   * @throws IOException when the body is empty or not JSON
   */
  public static JsonNode parseBody(Buffer body) throws IOException {
    byte[] bytes = body.getBytes();
    int start = 0;
    while (start < bytes.length && isJsonWhitespace(bytes[start])) {
      start++;
    }
    if (start == bytes.length) {
      throw new IOException("upstream body is empty");
    }
    JsonNode json = WireJson.MAPPER.readTree(bytes, start, bytes.length - start);
    if (json == null || json.isMissingNode()) {
      throw new IOException("upstream body holds no JSON value");
    }
    return json;
  }

  /** Returns the same summary a stream of this answer would produce. */
  public static ResponseSummary summarize(JsonNode body) {
    ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
    accumulator.accept(body);
    return accumulator.summary();
  }

  /**
   * Returns a plain answer measured by a scan of its bytes and kept as them (a {@link RawObject}
   * body) for a chat completions client, or null when its tree must be read: the same summary and
   * completion text as {@link #summarize} and {@link CompletionText#of} give its tree.
   */
  public static ChatCompletion relayable(byte[] body) {
    ScannedAnswer scanned = ChatAnswerScanner.scan(body, false);
    if (scanned == null) {
      return null;
    }
    ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
    accumulator.accept(scanned);
    // not bounded like the accumulator's text, as CompletionText's is not: the body's bound holds
    StringBuilder text = new StringBuilder();
    scanned.choices().forEach(choice -> text.append(choice.answer()));
    return new ChatCompletion(
        RawObject.of(body, scanned.layout()), accumulator.summary(), text.toString());
  }

  private static boolean isJsonWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }
}

package dev.switchboard.gateway.provider.gemini;

import dev.switchboard.gateway.provider.MalformedStreamException;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts the JSON array that {@code streamGenerateContent} writes without {@code alt=sse} ({@code
 * [{…}\n,\r\n{…}]}, wire-formats §3) into its elements as their bytes arrive, split anywhere.
 * Only brackets, braces and string quotes are looked at: each element is parsed by the caller. A
 * body that is one object instead of an array (an error) is handed over as one element. Not
 * thread-safe.
 */
final class JsonArrayDecoder {
  private final Consumer<String> sink;
  private final int maxElementBytes;
  private final ByteArrayOutputStream element = new ByteArrayOutputStream(1024);
  private int depth;
  private boolean inString;
  private boolean escaped;
  private boolean inArray;

  JsonArrayDecoder(Consumer<String> sink, int maxElementBytes) {
    this.sink = sink;
    this.maxElementBytes = maxElementBytes;
  }

  /** Consumes the next bytes, handing over every element they complete. */
  void feed(Buffer bytes) {
    for (int i = 0; i < bytes.length(); i++) {
      accept(bytes.getByte(i));
    }
  }

  /**
   * Ends the body.
   *
   * @throws MalformedStreamException when it stopped inside an element
   */
  void end() {
    if (element.size() > 0) {
      throw new MalformedStreamException("Gemini's stream ended inside a response object.");
    }
  }

  private void accept(byte b) {
    boolean inElement = element.size() > 0;
    if (!inElement) {
      if (b == '[' && !inArray && depth == 0) {
        inArray = true;
        return;
      }
      if (b != '{') {
        return; // commas, white space, the closing bracket
      }
    }
    element.write(b);
    if (element.size() > maxElementBytes) {
      throw new MalformedStreamException(
          "Gemini sent a stream element larger than " + maxElementBytes + " bytes.");
    }
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (b == '\\') {
        escaped = true;
      } else if (b == '"') {
        inString = false;
      }
      return;
    }
    switch (b) {
      case '"' -> inString = true;
      case '{', '[' -> depth++;
      case '}', ']' -> {
        depth--;
        if (depth == 0) {
          String text = element.toString(StandardCharsets.UTF_8);
          element.reset();
          sink.accept(text);
        }
      }
      default -> {
        // other bytes belong to the element
      }
    }
  }
}

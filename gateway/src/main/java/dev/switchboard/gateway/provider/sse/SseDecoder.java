package dev.switchboard.gateway.provider.sse;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Parses an event stream incrementally, following the WHATWG EventSource rules
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
 *
 * <p>Chunks may split the stream anywhere: inside a line, a UTF-8 character or a CRLF pair. Lines
 * are cut on raw bytes (CR and LF never occur inside a UTF-8 sequence) and decoded only once
 * complete. Not thread-safe; feed it from one context. After an exception it must not be reused.
 */
public final class SseDecoder {

  /** The default bound on one event's buffered bytes (8 MiB). */
  public static final int DEFAULT_MAX_EVENT_BYTES = 8 * 1024 * 1024;

  private static final String DEFAULT_EVENT_TYPE = "message";

  private final Consumer<SseEvent> sink;
  private final int maxEventBytes;
  private final StringBuilder data = new StringBuilder();
  private byte[] partialLine = new byte[256];
  private int partialLength;
  private long eventBytes;
  private boolean lastWasCr;
  private boolean firstLine = true;
  private String eventType;
  private String lastEventId;
  private long comments;

  /** Creates a decoder that sends each complete event to {@code sink}, bounded at 8 MiB. */
  public SseDecoder(Consumer<SseEvent> sink) {
    this(sink, DEFAULT_MAX_EVENT_BYTES);
  }

  /** Creates a decoder that fails once one event's buffered bytes exceed {@code maxEventBytes}. */
  public SseDecoder(Consumer<SseEvent> sink, int maxEventBytes) {
    this.sink = Objects.requireNonNull(sink, "sink");
    if (maxEventBytes <= 0) {
      throw new IllegalArgumentException("maxEventBytes must be positive");
    }
    this.maxEventBytes = maxEventBytes;
  }

  /**
   * Consumes the next bytes of the stream, dispatching every event they complete.
   *
   * @throws SseEventTooLargeException when the event being assembled exceeds the bound
   */
  public void feed(Buffer chunk) {
    byte[] bytes = chunk.getBytes();
    int lineStart = 0;
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (lastWasCr) {
        lastWasCr = false;
        if (b == '\n') {
          // Second half of a CRLF whose CR ended the previous line, possibly in an earlier chunk.
          lineStart = i + 1;
          continue;
        }
      }
      if (b == '\n' || b == '\r') {
        completeLine(bytes, lineStart, i);
        lastWasCr = b == '\r';
        lineStart = i + 1;
      }
    }
    appendPartial(bytes, lineStart, bytes.length);
  }

  /** Ends the stream: handles an unterminated last line and flushes an unterminated event. */
  public void end() {
    if (partialLength > 0) {
      int byteLength = partialLength;
      partialLength = 0;
      processLine(new String(partialLine, 0, byteLength, StandardCharsets.UTF_8), byteLength);
    }
    lastWasCr = false;
    dispatch();
  }

  /** Returns how many comment lines (starting with {@code :}) have been skipped so far. */
  public long commentCount() {
    return comments;
  }

  private void appendPartial(byte[] bytes, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return;
    }
    checkBound(eventBytes + partialLength + n);
    if (partialLength + n > partialLine.length) {
      partialLine = Arrays.copyOf(partialLine, Math.max(partialLength + n, partialLine.length * 2));
    }
    System.arraycopy(bytes, from, partialLine, partialLength, n);
    partialLength += n;
  }

  private void completeLine(byte[] bytes, int from, int to) {
    if (partialLength == 0) {
      processLine(new String(bytes, from, to - from, StandardCharsets.UTF_8), to - from);
      return;
    }
    appendPartial(bytes, from, to);
    int byteLength = partialLength;
    partialLength = 0;
    processLine(new String(partialLine, 0, byteLength, StandardCharsets.UTF_8), byteLength);
  }

  private void processLine(String line, int byteLength) {
    if (firstLine) {
      firstLine = false;
      if (line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
    }
    if (line.isEmpty()) {
      dispatch();
      return;
    }
    if (line.charAt(0) == ':') {
      comments++;
      return;
    }
    eventBytes += byteLength;
    checkBound(eventBytes);
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = "";
    if (colon >= 0) {
      int valueStart = colon + 1;
      if (valueStart < line.length() && line.charAt(valueStart) == ' ') {
        valueStart++;
      }
      value = line.substring(valueStart);
    }
    switch (field) {
      case "event" -> eventType = value;
      case "data" -> data.append(value).append('\n');
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          lastEventId = value;
        }
      }
      default -> {
        // "retry" and unknown fields are ignored: the gateway does not reconnect.
      }
    }
  }

  private void dispatch() {
    eventBytes = 0;
    String type = eventType == null || eventType.isEmpty() ? DEFAULT_EVENT_TYPE : eventType;
    eventType = null;
    if (data.length() == 0) {
      return;
    }
    String payload = data.substring(0, data.length() - 1);
    data.setLength(0);
    sink.accept(new SseEvent(type, payload, lastEventId));
  }

  private void checkBound(long bytes) {
    if (bytes > maxEventBytes) {
      throw new SseEventTooLargeException(maxEventBytes);
    }
  }
}

package dev.switchboard.gateway.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;

/**
 * Marks chunks that carry an upstream's own stream event for a client that speaks the upstream's
 * dialect: the chunk still holds the chat-shaped translation the pipeline measures, and the
 * original event travels beside it to be written back verbatim.
 */
public final class NativeEvents {
  private static final String EVENT = "x_switchboard_native_event";
  private static final String DATA = "x_switchboard_native_data";

  private NativeEvents() {}

  /** Attaches an SSE event (its name, may be null, and its raw data) to {@code chunk}. */
  public static void attach(ObjectNode chunk, String event, String data) {
    chunk.put(EVENT, event);
    chunk.put(DATA, data);
  }

  /** Returns whether {@code chunk} carries an original event. */
  public static boolean carries(ObjectNode chunk) {
    return chunk.has(DATA);
  }

  /** Returns the original event's name, or null. */
  public static String event(ObjectNode chunk) {
    return chunk.path(EVENT).textValue();
  }

  /** Returns the original event's raw data. */
  public static String data(ObjectNode chunk) {
    return chunk.path(DATA).asText("");
  }

  /**
   * Appends the original event {@code chunk} carries to {@code out} as it came ({@code event:} and
   * {@code data:} lines); a data field of several lines keeps its lines.
   */
  public static void writeFrame(Buffer out, ObjectNode chunk) {
    String name = event(chunk);
    String data = data(chunk);
    if (name != null) {
      out.appendString("event: ").appendString(name).appendString("\n");
    }
    out.appendString("data: ")
        .appendString(data.indexOf('\n') < 0 ? data : data.replace("\n", "\ndata: "))
        .appendString("\n\n");
  }
}

package dev.switchboard.gateway.provider.sse;

/**
 * Carries one dispatched server-sent event.
 *
 * @param event the {@code event:} field, or {@code "message"} when the event named none
 * @param data the {@code data:} lines joined by {@code \n} (trailing spaces kept)
 * @param id the last event id seen so far in the stream, or null when none was sent
 */
public record SseEvent(String event, String data, String id) {

  /** Returns whether this is the OpenAI-family end marker {@code data: [DONE]}. */
  public boolean isDone() {
    return data != null && data.trim().equals("[DONE]");
  }
}

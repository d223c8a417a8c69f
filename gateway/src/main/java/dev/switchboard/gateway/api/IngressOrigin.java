package dev.switchboard.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Keeps what a request looked like before its dialect was decoded into the chat shape, so that an
 * upstream speaking the same dialect receives the client's own body, untranslated.
 *
 * @param dialect the ingress API
 * @param body the client's body as sent (never mutated); for chat, the chat body itself
 * @param forwardHeaders client headers the same-dialect upstream understands (e.g. {@code
 *     anthropic-beta}), lower-case names
 */
public record IngressOrigin(Dialect dialect, ObjectNode body, Map<String, String> forwardHeaders) {

  /** Returns the origin of a request that came in as a chat completion. */
  public static IngressOrigin chat(ObjectNode body) {
    return new IngressOrigin(Dialect.CHAT, body, Map.of());
  }

  /** Returns whether the request came in on {@code dialect}. */
  public boolean is(Dialect other) {
    return dialect == other;
  }
}

package dev.switchboard.gateway.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Holds a complete non-streaming answer in OpenAI {@code chat.completion} shape, with what was
 * measured from it.
 *
 * @param completionText the visible output (answer, reasoning, tool arguments) for normalized
 *     token counting
 * @param nativeBody the upstream's own answer when it speaks the client's ingress dialect (sent
 *     back untranslated), else null
 */
public record ChatCompletion(
    ObjectNode body, ResponseSummary summary, String completionText, JsonNode nativeBody) {

  /** Returns an answer with no same-dialect original. */
  public ChatCompletion(ObjectNode body, ResponseSummary summary, String completionText) {
    this(body, summary, completionText, null);
  }

  /** Returns this answer carrying the upstream's own body for a same-dialect client. */
  public ChatCompletion withNativeBody(JsonNode original) {
    return new ChatCompletion(body, summary, completionText, original);
  }
}

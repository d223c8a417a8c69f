package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.RelayLayout;
import java.util.List;

/**
 * What a {@link ChatAnswerScanner} found in one plain OpenAI-compatible answer or chunk: where to
 * rewrite it, and the facts the record needs.
 *
 * @param layout where the members the gateway rewrites are
 * @param model the {@code model} value, or null
 * @param usage the {@code usage} object, or null
 * @param choices each choice's visible answer and finish reason, in order
 */
record ScannedAnswer(RelayLayout layout, String model, ObjectNode usage, List<Choice> choices) {

  /**
   * One choice.
   *
   * @param answer its {@code content} string followed by its {@code refusal} string ("" for none)
   * @param finishReason its finish reason (one of OpenAI's own), or null
   */
  record Choice(String answer, String finishReason) {}
}

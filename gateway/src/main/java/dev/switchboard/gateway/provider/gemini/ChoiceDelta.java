package dev.switchboard.gateway.provider.gemini;

import dev.switchboard.telemetry.FinishReason;
import java.util.List;

/**
 * Holds what one Gemini response or stream event added to one choice (candidate).
 *
 * @param first whether this is the choice's first delta (it carries the role)
 * @param text answer text, possibly empty
 * @param reasoning thought-summary text, possibly empty
 * @param finish normalized finish reason, or null while the choice goes on
 * @param nativeFinish Gemini's finish or block reason, or null
 * @param finishMessage Gemini's explanation of the finish, or null
 */
record ChoiceDelta(
    int index,
    boolean first,
    String text,
    String reasoning,
    List<ToolCall> toolCalls,
    FinishReason finish,
    String nativeFinish,
    String finishMessage) {

  /**
   * Holds one complete function call (Gemini never splits one across events).
   *
   * @param index position among the choice's tool calls, as OpenAI stream deltas number them
   * @param arguments the arguments as a JSON text
   * @param thoughtSignature the signature to echo back next turn, or null
   */
  record ToolCall(int index, String id, String name, String arguments, String thoughtSignature) {}
}

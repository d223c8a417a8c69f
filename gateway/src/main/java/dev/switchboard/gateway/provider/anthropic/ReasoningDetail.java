package dev.switchboard.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;

/**
 * Builds OpenRouter-style {@code reasoning_details} entries, the form in which OpenAI-shaped
 * clients receive Anthropic thinking blocks and must send them back (with their signature) in tool
 * loops.
 */
final class ReasoningDetail {

  /** The {@code format} OpenRouter gives details that came from Claude. */
  static final String FORMAT = "anthropic-claude-v1";

  static final String TEXT = "reasoning.text";
  static final String ENCRYPTED = "reasoning.encrypted";

  private ReasoningDetail() {}

  /** Returns a {@code reasoning.text} entry; a null signature is left out (stream fragments). */
  static ObjectNode text(String text, String signature, int index) {
    ObjectNode detail = JsonCodec.object();
    detail.put("type", TEXT);
    detail.put("text", text);
    if (signature != null) {
      detail.put("signature", signature);
    }
    detail.put("format", FORMAT);
    detail.put("index", index);
    return detail;
  }

  /** Returns a {@code reasoning.encrypted} entry for a {@code redacted_thinking} block. */
  static ObjectNode encrypted(String data, int index) {
    ObjectNode detail = JsonCodec.object();
    detail.put("type", ENCRYPTED);
    detail.put("data", data);
    detail.put("format", FORMAT);
    detail.put("index", index);
    return detail;
  }
}

package dev.switchboard.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds Anthropic {@code thinking} / {@code redacted_thinking} blocks from the OpenRouter-style
 * {@code reasoning_details} a client sends back on an assistant message. Anthropic requires them,
 * unchanged and signed, at the start of that assistant turn when thinking is used with tools
 * (https://platform.claude.com/docs/en/build-with-claude/extended-thinking).
 */
final class ThinkingBlocks {

  private ThinkingBlocks() {}

  /**
   * Returns the blocks for {@code details}, in order. Stream fragments a client kept unmerged
   * (consecutive {@code reasoning.text} entries with one {@code index}) are joined; entries from
   * other providers' formats, summaries, and thinking without a signature (which Anthropic would
   * refuse) are left out.
   */
  static List<ObjectNode> from(JsonNode details) {
    List<ObjectNode> blocks = new ArrayList<>();
    if (details == null || !details.isArray()) {
      return blocks;
    }
    StringBuilder text = null;
    String signature = null;
    JsonNode textIndex = null;
    for (JsonNode detail : details) {
      String type = detail.path("type").asText("");
      String format = detail.path("format").asText(ReasoningDetail.FORMAT);
      if (!format.startsWith("anthropic-claude")) {
        continue;
      }
      boolean continues =
          text != null
              && ReasoningDetail.TEXT.equals(type)
              && sameIndex(textIndex, detail.get("index"));
      if (!continues && text != null) {
        addThinking(blocks, text, signature);
        text = null;
        signature = null;
      }
      if (ReasoningDetail.TEXT.equals(type)) {
        if (text == null) {
          text = new StringBuilder();
          textIndex = detail.get("index");
        }
        text.append(detail.path("text").asText(""));
        String fragmentSignature = detail.path("signature").asText("");
        if (!fragmentSignature.isEmpty()) {
          signature = fragmentSignature;
        }
      } else if (ReasoningDetail.ENCRYPTED.equals(type) && detail.path("data").isTextual()) {
        blocks.add(
            JsonCodec.object()
                .put("type", "redacted_thinking")
                .put("data", detail.get("data").asText()));
      }
    }
    if (text != null) {
      addThinking(blocks, text, signature);
    }
    return blocks;
  }

  private static boolean sameIndex(JsonNode first, JsonNode next) {
    return first != null && next != null && first.equals(next);
  }

  private static void addThinking(List<ObjectNode> blocks, StringBuilder text, String signature) {
    if (signature == null) {
      return;
    }
    blocks.add(
        JsonCodec.object()
            .put("type", "thinking")
            .put("thinking", text.toString())
            .put("signature", signature));
  }
}

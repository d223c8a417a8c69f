package dev.switchboard.gateway.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Carries what an upstream needs back on the next turn (Anthropic thinking signatures and redacted
 * thinking, Gemini thought signatures) through a Responses client, in the opaque {@code
 * encrypted_content} of a {@code reasoning} item: stateless clients such as Codex send their
 * reasoning items back unchanged with every request. The content is the chat {@code
 * reasoning_details} entries themselves, so each adapter finds its own format again. Reasoning
 * items from OpenAI itself become {@code openai-responses-v1} entries, OpenRouter's format.
 */
final class ReasoningCarrier {
  /** Marks encrypted content made by Switchboard, as opposed to OpenAI's own. */
  static final String PREFIX = "swb1.";

  static final String FORMAT = "openai-responses-v1";
  private static final String GEMINI_FORMAT = "google-gemini-v1";

  private ReasoningCarrier() {}

  /** Returns the chat {@code reasoning_details} a reasoning input item stands for. */
  static ArrayNode details(JsonNode item) {
    ArrayNode details = JsonCodec.mapper().createArrayNode();
    String encrypted = item.path("encrypted_content").asText("");
    if (encrypted.startsWith(PREFIX)) {
      ArrayNode carried = unwrap(encrypted.substring(PREFIX.length()));
      if (carried != null) {
        return carried;
      }
    }
    String id = item.path("id").asText("");
    for (JsonNode summary : item.path("summary")) {
      add(details, id).put("type", "reasoning.summary").put("summary", summary.path("text").asText(""));
    }
    for (JsonNode content : item.path("content")) {
      add(details, id).put("type", "reasoning.text").put("text", content.path("text").asText(""));
    }
    if (!encrypted.isEmpty()) {
      add(details, id).put("type", "reasoning.encrypted").put("data", encrypted);
    }
    return details;
  }

  /**
   * Returns the {@code encrypted_content} that carries {@code details} and the tool calls' thought
   * signatures back, or null when there is nothing an upstream would need again.
   */
  static String wrap(JsonNode details, JsonNode toolCalls) {
    ArrayNode carried = JsonCodec.mapper().createArrayNode();
    boolean needed = false;
    for (JsonNode detail : details) {
      carried.add(detail);
      needed |= !detail.path("signature").asText("").isEmpty() || detail.path("data").isTextual();
    }
    ArrayNode signatures = geminiSignatures(toolCalls);
    if (!needed && signatures.isEmpty()) {
      return null;
    }
    carried.addAll(signatures);
    byte[] json = JsonCodec.write(carried).getBytes();
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(json);
  }

  /**
   * Returns the Gemini thought signatures on {@code toolCalls} as the {@code reasoning_details}
   * entries Gemini's adapter reads back: encrypted entries whose id is the tool call's.
   */
  static ArrayNode geminiSignatures(JsonNode toolCalls) {
    ArrayNode entries = JsonCodec.mapper().createArrayNode();
    for (JsonNode call : toolCalls) {
      String signature = call.path("extra_content").path("google").path("thought_signature").asText("");
      if (!signature.isEmpty()) {
        entries.addObject()
            .put("type", "reasoning.encrypted")
            .put("id", call.path("id").asText(""))
            .put("data", signature)
            .put("format", GEMINI_FORMAT);
      }
    }
    return entries;
  }

  /**
   * Returns {@code request} without the reasoning input items Switchboard made for another
   * upstream: OpenAI would refuse their encrypted content. The request itself when there are none;
   * otherwise a copy (the client's tree is never changed).
   */
  static ObjectNode withoutCarried(ObjectNode request) {
    JsonNode input = request.get("input");
    if (input == null || !input.isArray()) {
      return request;
    }
    ArrayNode kept = JsonCodec.mapper().createArrayNode();
    for (JsonNode item : input) {
      if (!("reasoning".equals(item.path("type").asText())
          && item.path("encrypted_content").asText("").startsWith(PREFIX))) {
        kept.add(item);
      }
    }
    if (kept.size() == input.size()) {
      return request;
    }
    ObjectNode copy = JsonCodec.object().setAll(request); // shallow: the items are shared, unchanged
    copy.set("input", kept);
    return copy;
  }

  /**
   * Adds one streamed {@code reasoning_details} fragment to {@code details}, joining a text
   * fragment to the entry of the same index (streams send thinking text first, its signature last).
   */
  static void merge(ArrayNode details, JsonNode fragment) {
    if (!details.isEmpty()
        && "reasoning.text".equals(fragment.path("type").asText())
        && details.get(details.size() - 1) instanceof ObjectNode last
        && "reasoning.text".equals(last.path("type").asText())
        && last.path("index").equals(fragment.path("index"))) {
      last.put("text", last.path("text").asText("") + fragment.path("text").asText(""));
      if (!fragment.path("signature").asText("").isEmpty()) {
        last.put("signature", fragment.get("signature").asText());
      }
      return;
    }
    details.add(fragment.deepCopy());
  }

  private static ArrayNode unwrap(String encoded) {
    try {
      byte[] json = Base64.getUrlDecoder().decode(encoded);
      JsonNode node = JsonCodec.mapper().readTree(new String(json, StandardCharsets.UTF_8));
      return node instanceof ArrayNode array ? array : null;
    } catch (IllegalArgumentException | IOException e) {
      return null; // not ours after all: kept as opaque data below
    }
  }

  private static ObjectNode add(ArrayNode details, String id) {
    ObjectNode detail = details.addObject();
    if (!id.isEmpty()) {
      detail.put("id", id);
    }
    detail.put("format", FORMAT).put("index", details.size() - 1);
    return detail;
  }
}

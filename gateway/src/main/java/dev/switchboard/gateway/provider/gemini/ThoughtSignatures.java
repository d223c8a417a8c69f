package dev.switchboard.gateway.provider.gemini;

import static dev.switchboard.gateway.provider.gemini.GeminiJson.object;
import static dev.switchboard.gateway.provider.gemini.GeminiJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Carries Gemini thought signatures through OpenAI tool calls, so tool loops keep them (Gemini 3
 * answers 400 when a function call comes back without its signature:
 * https://ai.google.dev/gemini-api/docs/thought-signatures).
 *
 * <p>Convention, the one Google's own OpenAI-compatible endpoint uses: each tool call carries
 * {@code "extra_content": {"google": {"thought_signature": "<sig>"}}}, in answers and when the
 * client sends the call back. OpenRouter-style clients may instead send the signature back as an
 * assistant {@code reasoning_details} entry {@code {"type": "reasoning.encrypted", "id":
 * "<tool call id>", "data": "<sig>"}}; that is read too.
 */
final class ThoughtSignatures {

  private ThoughtSignatures() {}

  /** Returns the signature the client sent back for {@code toolCall} of {@code message}, or null. */
  static String read(JsonNode toolCall, JsonNode message) {
    String signature = text(object(object(toolCall, "extra_content"), "google"), "thought_signature");
    if (signature != null && !signature.isEmpty()) {
      return signature;
    }
    String id = text(toolCall, "id");
    if (id == null) {
      return null;
    }
    for (JsonNode detail : message.path("reasoning_details")) {
      if ("reasoning.encrypted".equals(text(detail, "type")) && id.equals(text(detail, "id"))) {
        String data = text(detail, "data");
        if (data != null && !data.isEmpty()) {
          return data;
        }
      }
    }
    return null;
  }

  /** Attaches {@code signature} to an OpenAI tool call object; null attaches nothing. */
  static void write(ObjectNode toolCall, String signature) {
    if (signature != null) {
      toolCall.putObject("extra_content").putObject("google").put("thought_signature", signature);
    }
  }
}

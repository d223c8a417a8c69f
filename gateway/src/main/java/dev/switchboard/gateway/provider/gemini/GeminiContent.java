package dev.switchboard.gateway.provider.gemini;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Mirrors Gemini's {@code Content}: one conversation turn, used both in requests and in answers
 * (https://ai.google.dev/api/caching#Content).
 *
 * @param role {@code user} or {@code model}; absent on a system instruction and on some blocked
 *     candidates
 * @param parts the turn's parts; absent on an empty or blocked candidate
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GeminiContent(String role, List<Part> parts) {

  /**
   * Mirrors one {@code Part}; exactly one of the payload fields is set.
   *
   * @param thought true on a thought summary (reasoning, not answer text)
   * @param thoughtSignature opaque signature that must come back on the same part next turn
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Part(
      String text,
      Boolean thought,
      String thoughtSignature,
      Blob inlineData,
      FileData fileData,
      FunctionCall functionCall,
      FunctionResponse functionResponse) {

    static Part text(String text) {
      return new Part(text, null, null, null, null, null, null);
    }

    static Part inline(String mimeType, String base64) {
      return new Part(null, null, null, new Blob(mimeType, base64), null, null, null);
    }

    static Part file(String mimeType, String uri) {
      return new Part(null, null, null, null, new FileData(mimeType, uri), null, null);
    }

    static Part call(String name, JsonNode args, String thoughtSignature) {
      return new Part(
          null, null, thoughtSignature, null, null, new FunctionCall(null, name, args), null);
    }

    static Part response(String name, JsonNode response) {
      return new Part(null, null, null, null, null, null, new FunctionResponse(null, name, response));
    }

    boolean isThought() {
      return Boolean.TRUE.equals(thought);
    }
  }

  /** Carries inline bytes, base64-encoded. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Blob(String mimeType, String data) {}

  /** Points at a file by URI (an uploaded file or a public URL). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FileData(String mimeType, String fileUri) {}

  /** A call the model asks the client to run; {@code args} is a JSON object. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FunctionCall(String id, String name, JsonNode args) {}

  /** The result of a call, matched by {@code name}; {@code response} is a JSON object. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FunctionResponse(String id, String name, JsonNode response) {}
}

package dev.switchboard.gateway.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.TokenUsage;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Builds the pipeline's answer to an embedding request: the vectors as an OpenAI {@code list} of
 * {@code embedding}s (the native body the embeddings dialect sends), and a chat-shaped body and
 * summary that carry the usage: input tokens as prompt tokens, no completion.
 */
public final class EmbeddingAnswer {

  private EmbeddingAnswer() {}

  /**
   * Returns the answer for {@code vectors}, in input order.
   *
   * @param promptTokens the input tokens the provider reported, or null when it reported none
   */
  public static ChatCompletion of(List<float[]> vectors, Long promptTokens, String servedModel) {
    ObjectNode list = JsonCodec.object();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    for (int i = 0; i < vectors.size(); i++) {
      ObjectNode item = data.addObject();
      item.put("object", "embedding");
      item.put("index", i);
      ArrayNode values = item.putArray("embedding");
      for (float v : vectors.get(i)) {
        values.add(v);
      }
    }
    list.put("model", servedModel);
    ObjectNode body = JsonCodec.object();
    body.put("object", "chat.completion");
    body.put("model", servedModel);
    body.putArray("choices");
    TokenUsage usage =
        promptTokens == null ? TokenUsage.unknown() : new TokenUsage(promptTokens, 0L, null, null, null);
    if (promptTokens != null) {
      body.putObject("usage")
          .put("prompt_tokens", promptTokens)
          .put("completion_tokens", 0)
          .put("total_tokens", promptTokens);
    }
    ResponseSummary summary =
        new ResponseSummary(usage, FinishReason.STOP, null, 0, 0, 0, servedModel, null);
    return new ChatCompletion(body, summary, "", list);
  }

  /**
   * Parses an embeddings answer's body.
   *
   * @param who names the upstream in the error ("Gemini", "The provider", ...)
   * @throws UpstreamFailure a bad response when the body is not JSON
   */
  public static JsonNode json(Buffer bytes, String who) {
    try {
      return JsonCodec.read(bytes);
    } catch (Exception e) {
      throw UpstreamFailures.badResponse(who + " returned a response that is not valid JSON.");
    }
  }

  /** Reads a JSON array of numbers as a vector. */
  public static float[] vector(JsonNode values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values.get(i).asDouble();
    }
    return out;
  }
}

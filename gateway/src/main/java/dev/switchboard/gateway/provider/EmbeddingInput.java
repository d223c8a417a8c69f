package dev.switchboard.gateway.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds an OpenAI-shaped embedding request as the adapters need it.
 *
 * @param texts the inputs, in order (token-id inputs are only passed on to OpenAI-compatible
 *     upstreams, see {@code raw})
 * @param raw the client's {@code input} as sent
 * @param dimensions the requested vector size, or null for the model's own
 * @param user the client's end-user id, or null
 */
public record EmbeddingInput(List<String> texts, JsonNode raw, Integer dimensions, String user) {

  /** Reads the embedding request the client sent (validated by the embeddings dialect). */
  public static EmbeddingInput of(UpstreamCall call) {
    JsonNode body = call.request().origin().body();
    JsonNode input = body.path("input");
    List<String> texts = new ArrayList<>();
    if (input.isTextual()) {
      texts.add(input.asText());
    } else {
      input.forEach(item -> texts.add(item.isTextual() ? item.asText() : null));
    }
    JsonNode dimensions = body.get("dimensions");
    return new EmbeddingInput(
        texts,
        input,
        dimensions != null && dimensions.canConvertToInt() ? dimensions.asInt() : null,
        body.path("user").isTextual() ? body.get("user").asText() : null);
  }

  /** Returns whether every input is text (not token ids). */
  public boolean allText() {
    return texts.stream().allMatch(t -> t != null);
  }

  /** Returns the refusal for token-id inputs sent to a family that reads only text. */
  public UpstreamFailure tokenInputRefused(String family) {
    return UpstreamFailures.rejected(
        "unsupported_input", family + " embeds text only; 'input' holds token ids.");
  }
}

package dev.switchboard.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.JsonCodec;

/**
 * Maps an OpenAI chat request body to an Anthropic Messages request body (wire-formats §2, §8).
 * Fields Anthropic has no counterpart for and that do not change the answer's meaning ({@code
 * seed}, penalties, {@code logit_bias}, {@code logprobs}, {@code service_tier}, {@code store},
 * {@code metadata}) are dropped; ones that would, and cannot be honoured, are refused with a 400.
 */
final class AnthropicRequestMapper {

  /**
   * The {@code max_tokens} sent when the client sets none. Anthropic requires one, and the model's
   * context length (what the catalog knows) is not an output limit; 4096 is what every current
   * Claude model can produce and what LiteLLM also defaults to.
   */
  static final int DEFAULT_MAX_TOKENS = 4096;

  /** The default when thinking is on: room for the budget of a medium effort plus an answer. */
  static final int DEFAULT_THINKING_MAX_TOKENS = 8192;

  private AnthropicRequestMapper() {}

  /**
   * Returns the Anthropic body for {@code request}, addressed to {@code upstreamModel}.
   *
   * @throws ApiErrorException (400) for a request Anthropic cannot serve as asked
   */
  static MappedRequest map(ObjectNode request, String upstreamModel, boolean stream) {
    refuseUnsupported(request);
    ObjectNode body = JsonCodec.object();
    body.put("model", upstreamModel);
    MessageMapper.Result conversation = MessageMapper.map(request.path("messages"));
    if (conversation.system() != null) {
      body.set("system", conversation.system());
    }
    body.set("messages", conversation.messages());
    ThinkingRequest thinking = ThinkingRequest.from(request);
    Integer clientMax = clientMaxTokens(request);
    int maxTokens =
        clientMax != null
            ? clientMax
            : thinking.enabled() ? DEFAULT_THINKING_MAX_TOKENS : DEFAULT_MAX_TOKENS;
    if (thinking.enabled()) {
      if (maxTokens <= thinking.budgetTokens()) {
        // Anthropic needs budget_tokens < max_tokens; keep the answer room the client asked for
        maxTokens = thinking.budgetTokens() + (clientMax != null ? clientMax : DEFAULT_MAX_TOKENS);
      }
      body.putObject("thinking")
          .put("type", "enabled")
          .put("budget_tokens", thinking.budgetTokens());
    } else {
      // with thinking on, Anthropic only accepts the default sampling (temperature 1, no top_k)
      copyNumber(request, "temperature", body);
      copyNumber(request, "top_p", body);
      copyNumber(request, "top_k", body);
    }
    body.put("max_tokens", maxTokens);
    JsonNode stop = request.get("stop");
    if (stop != null && stop.isTextual()) {
      body.putArray("stop_sequences").add(stop.asText());
    } else if (stop != null && stop.isArray() && !stop.isEmpty()) {
      ArrayNode sequences = body.putArray("stop_sequences");
      stop.forEach(sequences::add);
    }
    if (request.path("user").isTextual() && !request.get("user").asText().isEmpty()) {
      body.putObject("metadata").put("user_id", request.get("user").asText());
    }
    ToolMapper.apply(request, body);
    if (stream) {
      body.put("stream", true);
    }
    return new MappedRequest(body, thinking.enabled() && thinking.exclude());
  }

  private static Integer clientMaxTokens(JsonNode request) {
    for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
      JsonNode value = request.get(field);
      if (value == null || value.isNull()) {
        continue;
      }
      if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
        throw new ApiErrorException(
            ApiError.badRequest(
                "invalid_value", field, "Invalid '" + field + "': expected a positive integer."));
      }
      return value.asInt();
    }
    return null;
  }

  private static void refuseUnsupported(JsonNode request) {
    if (request.path("n").canConvertToInt() && request.get("n").asInt() > 1) {
      throw unsupported("n", "Anthropic models return one choice per request; 'n' must be 1.");
    }
    String format = request.path("response_format").path("type").asText("text");
    if (!format.equals("text")) {
      throw unsupported(
          "response_format",
          "'response_format' of type '" + format + "' is not supported for Anthropic models.");
    }
    if (!request.path("audio").isMissingNode() && !request.path("audio").isNull()) {
      throw unsupported("audio", "Audio output is not supported for Anthropic models.");
    }
  }

  private static void copyNumber(JsonNode from, String field, ObjectNode to) {
    JsonNode value = from.get(field);
    if (value != null && value.isNumber()) {
      to.set(field, value);
    }
  }

  private static ApiErrorException unsupported(String param, String message) {
    return new ApiErrorException(ApiError.badRequest("unsupported_parameter", param, message));
  }
}

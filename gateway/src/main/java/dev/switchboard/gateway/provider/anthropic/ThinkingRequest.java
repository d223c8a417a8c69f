package dev.switchboard.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;

/**
 * Reads what thinking an OpenAI-shaped request asks for: OpenRouter's {@code reasoning: {effort |
 * max_tokens, exclude, enabled}} first, else OpenAI's {@code reasoning_effort}, as an Anthropic
 * {@code budget_tokens}.
 *
 * @param budgetTokens the thinking budget, or 0 when thinking stays off
 * @param exclude think, but do not return the thinking to the client
 */
record ThinkingRequest(int budgetTokens, boolean exclude) {

  /** Anthropic's smallest accepted {@code budget_tokens}. */
  static final int MIN_BUDGET = 1024;

  static final ThinkingRequest OFF = new ThinkingRequest(0, false);

  /** Returns whether thinking is on. */
  boolean enabled() {
    return budgetTokens > 0;
  }

  /**
   * Returns the thinking the request asks for.
   *
   * @throws ApiErrorException (400) for an effort name or budget that is not valid
   */
  static ThinkingRequest from(JsonNode request) {
    JsonNode reasoning = request.path("reasoning");
    if (reasoning.isObject()) {
      boolean exclude = reasoning.path("exclude").asBoolean(false);
      if (reasoning.path("enabled").isBoolean() && !reasoning.path("enabled").asBoolean()) {
        return OFF;
      }
      JsonNode maxTokens = reasoning.get("max_tokens");
      if (maxTokens != null && !maxTokens.isNull()) {
        if (!maxTokens.canConvertToInt() || maxTokens.asInt() <= 0) {
          throw invalid("reasoning.max_tokens", "a positive integer");
        }
        return new ThinkingRequest(Math.max(MIN_BUDGET, maxTokens.asInt()), exclude);
      }
      if (reasoning.path("effort").isTextual()) {
        return new ThinkingRequest(
            budgetFor(reasoning.get("effort").asText(), "reasoning.effort"), exclude);
      }
      if (reasoning.path("enabled").asBoolean(false) || exclude) {
        return new ThinkingRequest(budgetFor("medium", "reasoning"), exclude);
      }
    }
    JsonNode effort = request.get("reasoning_effort");
    if (effort == null || effort.isNull()) {
      return OFF;
    }
    if (!effort.isTextual()) {
      throw invalid("reasoning_effort", "a string");
    }
    return new ThinkingRequest(budgetFor(effort.asText(), "reasoning_effort"), false);
  }

  /**
   * Maps an effort name to a budget. The steps follow common practice (LiteLLM uses the same
   * low/medium/high budgets); "none" turns thinking off.
   */
  private static int budgetFor(String effort, String param) {
    return switch (effort) {
      case "none" -> 0;
      case "minimal", "low" -> MIN_BUDGET;
      case "medium" -> 4096;
      case "high" -> 16384;
      case "xhigh", "max" -> 32768;
      default ->
          throw new ApiErrorException(
              ApiError.badRequest(
                  "invalid_value",
                  param,
                  "Invalid value for '"
                      + param
                      + "': '"
                      + effort
                      + "'. Supported values are: 'none', 'minimal', 'low', 'medium', 'high' and"
                      + " 'xhigh'."));
    };
  }

  private static ApiErrorException invalid(String param, String expected) {
    return new ApiErrorException(
        ApiError.badRequest(
            "invalid_type", param, "Invalid type for '" + param + "': expected " + expected + "."));
  }
}

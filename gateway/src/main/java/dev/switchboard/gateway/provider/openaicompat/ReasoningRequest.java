package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Holds what a client asked about reasoning, read from OpenRouter's {@code reasoning: {effort,
 * max_tokens, enabled, exclude}} and OpenAI's {@code reasoning_effort} (which wins when both name
 * an effort).
 *
 * @param effort the requested effort ({@code minimal|low|medium|high|...}), or null
 * @param maxTokens the requested reasoning budget in tokens, or null
 * @param enabled true/false when the client switched reasoning on or off (an effort of {@code none}
 *     switches it off; an effort or budget switches it on), null when it did not say
 * @param exclude whether reasoning text must be left out of the answer the client gets
 */
record ReasoningRequest(String effort, Integer maxTokens, Boolean enabled, boolean exclude) {

  /** Reads the reasoning fields of a client request body. */
  static ReasoningRequest of(JsonNode body) {
    JsonNode reasoning = body.path("reasoning");
    String effort = textOrNull(body.path("reasoning_effort"));
    if (effort == null) {
      effort = textOrNull(reasoning.path("effort"));
    }
    JsonNode budget = reasoning.path("max_tokens");
    Integer maxTokens =
        budget.canConvertToInt() && budget.isIntegralNumber() ? budget.intValue() : null;
    Boolean enabled = null;
    JsonNode enabledNode = reasoning.path("enabled");
    if (enabledNode.isBoolean()) {
      enabled = enabledNode.booleanValue();
    } else if ("none".equals(effort)) {
      enabled = false;
    } else if (effort != null || maxTokens != null) {
      enabled = true;
    }
    boolean exclude = reasoning.path("exclude").asBoolean(false);
    return new ReasoningRequest(effort, maxTokens, enabled, exclude);
  }

  private static String textOrNull(JsonNode node) {
    return node.isTextual() && !node.textValue().isBlank() ? node.textValue() : null;
  }
}

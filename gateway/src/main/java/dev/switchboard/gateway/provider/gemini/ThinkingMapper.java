package dev.switchboard.gateway.provider.gemini;

import static dev.switchboard.gateway.provider.gemini.GeminiJson.object;
import static dev.switchboard.gateway.provider.gemini.GeminiJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.provider.gemini.GeminiRequest.ThinkingConfig;
import java.util.Locale;

/**
 * Turns OpenAI {@code reasoning_effort} or OpenRouter {@code reasoning{effort | max_tokens,
 * exclude, enabled}} into a Gemini {@code thinkingConfig}. Efforts map to the budgets Google's own
 * OpenAI-compatible endpoint uses (low 1024, medium 8192, high 24576; none 0), plus minimal 512 and
 * xhigh 32768. Thought summaries are asked for unless the client excludes reasoning or turns it
 * off.
 */
final class ThinkingMapper {

  private ThinkingMapper() {}

  /** Returns the thinking config, or null when the request says nothing about reasoning. */
  static ThinkingConfig map(JsonNode body) {
    JsonNode reasoning = object(body, "reasoning");
    String effort = text(reasoning, "effort");
    if (effort == null) {
      effort = text(body, "reasoning_effort");
    }
    if (reasoning == null && effort == null) {
      return null;
    }
    Integer budget = null;
    if (reasoning != null && reasoning.path("max_tokens").isIntegralNumber()) {
      budget = reasoning.get("max_tokens").intValue();
    } else if (effort != null) {
      budget = budgetFor(effort);
    } else if (reasoning != null && !reasoning.path("enabled").asBoolean(true)) {
      budget = 0;
    }
    boolean exclude = reasoning != null && reasoning.path("exclude").asBoolean(false);
    boolean include = !exclude && (budget == null || budget != 0);
    return new ThinkingConfig(budget, include);
  }

  private static int budgetFor(String effort) {
    return switch (effort.toLowerCase(Locale.ROOT)) {
      case "none" -> 0;
      case "minimal" -> 512;
      case "low" -> 1024;
      case "medium" -> 8192;
      case "high" -> 24576;
      case "xhigh" -> 32768;
      default -> throw new UntranslatableRequestException(
          "reasoning_effort",
          "Invalid 'reasoning_effort': expected none, minimal, low, medium, high or xhigh.");
    };
  }
}

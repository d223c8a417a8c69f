package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Translates what the client asked about reasoning into the one request field the provider reads
 * ({@link OpenAiCompatQuirks.ReasoningKnob}), and removes the fields it would reject. A native
 * field the client set itself ({@code enable_thinking}, {@code thinking}) is never overwritten.
 */
final class ReasoningKnobs {

  private ReasoningKnobs() {}

  /** Rewrites {@code body} (the gateway's own copy) for {@code quirks}. */
  static void apply(
      ObjectNode body, ReasoningRequest asked, OpenAiCompatQuirks quirks, String model) {
    switch (quirks.reasoningKnob()) {
      case OPENROUTER -> {
        return; // OpenRouter reads reasoning{} and reasoning_effort itself
      }
      case REASONING_EFFORT -> {
        if (asked.effort() != null && !body.has("reasoning_effort")) {
          body.put("reasoning_effort", asked.effort());
        }
      }
      case GROK_3_MINI_EFFORT -> grokEffort(body, asked, model);
      case ENABLE_THINKING -> {
        body.remove("reasoning_effort");
        if (asked.enabled() != null && !body.has("enable_thinking")) {
          body.put("enable_thinking", asked.enabled());
        }
        if (asked.maxTokens() != null
            && !Boolean.FALSE.equals(asked.enabled())
            && !body.has("thinking_budget")) {
          body.put("thinking_budget", asked.maxTokens());
        }
      }
      case THINKING_TYPE -> {
        body.remove("reasoning_effort");
        if (asked.enabled() != null && !body.has("thinking")) {
          body.putObject("thinking").put("type", asked.enabled() ? "enabled" : "disabled");
        }
      }
      case MODEL_SELECTED -> body.remove("reasoning_effort");
    }
    body.remove("reasoning"); // OpenRouter's field; every other flavor would reject or ignore it
  }

  /**
   * Sends xAI's {@code low|high} effort to grok-3-mini models only: other Grok models answer 400 to
   * any {@code reasoning_effort} (https://docs.x.ai/docs/guides/reasoning).
   */
  private static void grokEffort(ObjectNode body, ReasoningRequest asked, String model) {
    body.remove("reasoning_effort");
    if (!model.toLowerCase(Locale.ROOT).startsWith("grok-3-mini") || asked.effort() == null) {
      return;
    }
    switch (asked.effort()) {
      case "minimal", "low" -> body.put("reasoning_effort", "low");
      case "medium", "high", "xhigh" -> body.put("reasoning_effort", "high");
      default -> {
        // "none" or an unknown value: leave the model's default
      }
    }
  }
}

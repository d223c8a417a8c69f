package dev.switchboard.gateway.demo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Describes how one simulated model behaves: how fast it starts and streams, how long it talks,
 * whether it thinks before answering, and how eagerly it calls tools.
 *
 * @param model the upstream model name clients send
 * @param timeToFirstToken delay before the first byte of the answer
 * @param tokensPerSecond generation speed; {@link Double#POSITIVE_INFINITY} means no pacing
 * @param meanCompletionTokens average answer length before any max-tokens cap
 * @param reasoning whether hidden reasoning tokens are added to the completion count
 * @param toolCallProbability chance, per request offering tools, of answering with a tool call
 */
public record DemoModelProfile(
    String model,
    Duration timeToFirstToken,
    double tokensPerSecond,
    int meanCompletionTokens,
    boolean reasoning,
    double toolCallProbability) {

  public DemoModelProfile {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    if (timeToFirstToken.isNegative()) {
      throw new IllegalArgumentException("timeToFirstToken must not be negative");
    }
    if (!(tokensPerSecond > 0)) {
      throw new IllegalArgumentException("tokensPerSecond must be positive");
    }
    if (meanCompletionTokens < 1) {
      throw new IllegalArgumentException("meanCompletionTokens must be at least 1");
    }
    if (toolCallProbability < 0 || toolCallProbability > 1) {
      throw new IllegalArgumentException("toolCallProbability must be within [0, 1]");
    }
  }

  /** Returns the six demo profiles, with latencies small enough for a live demo. */
  public static List<DemoModelProfile> defaults() {
    return List.of(
        new DemoModelProfile("gpt-4o-mini", Duration.ofMillis(120), 320, 160, false, 0.5),
        new DemoModelProfile("claude-sonnet-4.5", Duration.ofMillis(260), 150, 240, true, 0.6),
        new DemoModelProfile("deepseek-chat-v3.1", Duration.ofMillis(300), 110, 200, false, 0.4),
        new DemoModelProfile("qwen3-coder", Duration.ofMillis(180), 220, 280, false, 0.7),
        new DemoModelProfile("gemini-2.5-flash", Duration.ofMillis(90), 380, 180, true, 0.5),
        new DemoModelProfile(
            "llama-3.3-70b-instruct", Duration.ofMillis(60), 400, 140, false, 0.3));
  }

  /** Returns a copy that answers immediately and streams without pacing (for tests). */
  public DemoModelProfile instant() {
    return new DemoModelProfile(
        model,
        Duration.ZERO,
        Double.POSITIVE_INFINITY,
        meanCompletionTokens,
        reasoning,
        toolCallProbability);
  }
}

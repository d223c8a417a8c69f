package dev.switchboard.gateway.demo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Describes how one simulated model behaves: how fast it starts and streams, how long it talks,
 * whether it thinks before answering, how eagerly it calls tools and how often it fails.
 *
 * @param model the upstream model name clients send
 * @param timeToFirstToken delay before the first byte of the answer
 * @param tokensPerSecond generation speed; {@link Double#POSITIVE_INFINITY} means no pacing
 * @param meanCompletionTokens average answer length before any max-tokens cap
 * @param reasoning whether hidden reasoning tokens are added to the completion count
 * @param toolCallProbability chance, per request offering tools, of answering with a tool call
 * @param reasoningShare share of a max-tokens budget spent thinking, when {@code answersToLimit}
 * @param answersToLimit when true, a request's max tokens is the answer's length (reasoning
 *     included) and the answer ends with {@code stop}, so a client can steer lengths
 * @param faults how often the model fails, and how
 */
public record DemoModelProfile(
    String model,
    Duration timeToFirstToken,
    double tokensPerSecond,
    int meanCompletionTokens,
    boolean reasoning,
    double toolCallProbability,
    double reasoningShare,
    boolean answersToLimit,
    Faults faults) {

  public DemoModelProfile {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
    Objects.requireNonNull(faults, "faults");
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
    if (reasoningShare < 0 || reasoningShare >= 1) {
      throw new IllegalArgumentException("reasoningShare must be within [0, 1)");
    }
  }

  /** Returns a profile that never fails and draws its own answer lengths. */
  public DemoModelProfile(
      String model,
      Duration timeToFirstToken,
      double tokensPerSecond,
      int meanCompletionTokens,
      boolean reasoning,
      double toolCallProbability) {
    this(model, timeToFirstToken, tokensPerSecond, meanCompletionTokens, reasoning,
        toolCallProbability, 0.5, false, Faults.none());
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
    return new DemoModelProfile(model, Duration.ZERO, Double.POSITIVE_INFINITY,
        meanCompletionTokens, reasoning, toolCallProbability, reasoningShare, answersToLimit, faults);
  }

  /** Returns a copy failing with {@code newFaults}. */
  public DemoModelProfile withFaults(Faults newFaults) {
    return new DemoModelProfile(model, timeToFirstToken, tokensPerSecond, meanCompletionTokens,
        reasoning, toolCallProbability, reasoningShare, answersToLimit, newFaults);
  }

  /**
   * Holds how often a model fails, per request, each drawn independently of the answer.
   *
   * @param rateLimited share answered 429 {@code rate_limit_exceeded} at once
   * @param serverError share answered 500 {@code server_error} at once
   * @param midStream share of streamed answers that break off with an error event after the first
   *     content
   */
  public record Faults(double rateLimited, double serverError, double midStream) {
    private static final Faults NONE = new Faults(0, 0, 0);

    public Faults {
      for (double rate : new double[] {rateLimited, serverError, midStream}) {
        if (!(rate >= 0 && rate <= 1)) {
          throw new IllegalArgumentException("fault rates must be within [0, 1]");
        }
      }
      if (rateLimited + serverError > 1) {
        throw new IllegalArgumentException("rateLimited + serverError must not exceed 1");
      }
    }

    /** Returns no faults. */
    public static Faults none() {
      return NONE;
    }
  }
}

package dev.switchboard.config;

import java.time.Duration;

/**
 * Configures the judge ({@code classifier.judge}): a routed model that labels a deterministic
 * sample of requests after their answer, as the study labelled a sample with an external
 * classifier. Absent means off.
 *
 * @param model a model name the gateway routes (checked at start)
 * @param sampleRate share of requests judged, 0..1 (decided by a hash of the request id, so every
 *     instance agrees)
 * @param key an upstream API key for the judge's own calls, replacing the route's provider key
 *     (so its spend bills to its own account); {@link SecretRef#none()} keeps the provider's key
 * @param budgetUsdDay the judge stops for the rest of the UTC day once its recorded calls cost
 *     this much (per gateway instance)
 * @param timeout how long a request's record waits for its judge before it is stored unjudged
 * @param maxPromptChars the request text sent to the judge is cut to this many characters
 * @param concurrency judge calls in flight at once
 * @param queueCapacity sampled requests waiting for a free call; beyond it they are dropped
 */
public record JudgeConfig(
    String model,
    double sampleRate,
    SecretRef key,
    double budgetUsdDay,
    Duration timeout,
    int maxPromptChars,
    int concurrency,
    int queueCapacity) {

  public static final double DEFAULT_SAMPLE_RATE = 0.01;
  public static final double DEFAULT_BUDGET_USD_DAY = 1.0;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
  public static final int DEFAULT_MAX_PROMPT_CHARS = 2000;
  public static final int DEFAULT_CONCURRENCY = 4;
  public static final int DEFAULT_QUEUE_CAPACITY = 256;

  public JudgeConfig {
    key = key == null ? SecretRef.none() : key;
  }

  /** Returns a judge of {@code model} at {@code sampleRate} with the other settings at their defaults. */
  public static JudgeConfig of(String model, double sampleRate) {
    return new JudgeConfig(model, sampleRate, SecretRef.none(), DEFAULT_BUDGET_USD_DAY, DEFAULT_TIMEOUT,
        DEFAULT_MAX_PROMPT_CHARS, DEFAULT_CONCURRENCY, DEFAULT_QUEUE_CAPACITY);
  }

  /** Returns a copy with another daily budget. */
  public JudgeConfig withBudgetUsdDay(double usd) {
    return new JudgeConfig(model, sampleRate, key, usd, timeout, maxPromptChars, concurrency, queueCapacity);
  }

  /** Returns a copy with another timeout. */
  public JudgeConfig withTimeout(Duration value) {
    return new JudgeConfig(model, sampleRate, key, budgetUsdDay, value, maxPromptChars, concurrency, queueCapacity);
  }
}

package dev.switchboard.gateway.metrics;

import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts requests, tokens and latencies per model, provider and outcome. Tags stay bounded: model
 * names outside the configured routes are tagged {@code other}.
 */
public final class GatewayMetrics {
  private final MeterRegistry registry;
  private final Set<String> knownModels;
  // bounded like the tags: known models (+ other) x configured providers x outcomes x streamed
  private final Map<SeriesMeters.Series, SeriesMeters> series = new ConcurrentHashMap<>();
  private final GenAiMetrics genAi;

  public GatewayMetrics(MeterRegistry registry, Set<String> knownModels) {
    this(registry, knownModels, Map.of());
  }

  /**
   * Returns metrics that also name providers by the GenAI conventions: {@code genAiProviderNames}
   * maps a configured provider id to its name there (ids not in it stand for themselves).
   */
  public GatewayMetrics(
      MeterRegistry registry, Set<String> knownModels, Map<String, String> genAiProviderNames) {
    this.registry = registry;
    this.knownModels = Set.copyOf(knownModels);
    this.genAi = new GenAiMetrics(registry, genAiProviderNames);
  }

  /** Returns the registry the meters live in. */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Counts a provider answer whose token counts were impossible (negative or beyond 10^9) and
   * were therefore recorded as not reported; tagged by provider, a configured id.
   */
  public void usageRefused(String provider) {
    Counter.builder("switchboard.usage.refused")
        .description("Answers whose reported token counts were impossible and not recorded")
        .tag("provider", provider)
        .register(registry)
        .increment();
  }

  /** Records one finished request. */
  public void recorded(UsageRecord record) {
    String requested = record.requestedModel();
    String model = requested != null && knownModels.contains(requested) ? requested : "other";
    String provider = record.provider() == null ? "none" : record.provider();
    SeriesMeters meters = series.computeIfAbsent(
        new SeriesMeters.Series(model, provider, record.outcome().label(), record.streamed()),
        s -> new SeriesMeters(registry, s));
    meters.requests.increment();
    meters.duration.record(record.latencyMs(), TimeUnit.MILLISECONDS);
    if (record.ttftMs() != null) {
      meters.ttft.record(record.ttftMs(), TimeUnit.MILLISECONDS);
    }
    TokenUsage usage = record.usage();
    Long[] tokens = {
      usage.promptTokens(), usage.completionTokens(), usage.reasoningTokens(),
      usage.cachedReadTokens(), usage.cacheWriteTokens()
    };
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i] != null && tokens[i] != 0) {
        meters.tokens[i].increment(tokens[i]);
      }
    }
    if (record.costUsd() != null) {
      meters.cost.increment(record.costUsd());
    }
    refusal(record);
    genAi.recorded(record, model);
  }

  /**
   * Counts a request the gateway's own limits refused, by key and reason: a rate limit ({@code
   * requests}, {@code tokens}) or a used-up budget ({@code budget}). Keys are bounded by the key
   * directory.
   */
  private void refusal(UsageRecord record) {
    if (record.outcome() != Outcome.CLIENT_ERROR) {
      return;
    }
    String reason;
    if (record.httpStatus() == 429 && record.errorType() != null) {
      reason = record.errorType();
    } else if (record.httpStatus() == 402) {
      reason = "budget";
    } else {
      return;
    }
    Counter.builder("switchboard.limits.refused")
        .description("Requests refused by a key's rate limits or budget, by key and reason")
        .tag("key", record.apiKeyId() == null ? "anonymous" : record.apiKeyId())
        .tag("reason", reason)
        .register(registry)
        .increment();
  }
}

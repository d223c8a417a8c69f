package dev.switchboard.gateway.metrics;

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

  public GatewayMetrics(MeterRegistry registry, Set<String> knownModels) {
    this.registry = registry;
    this.knownModels = Set.copyOf(knownModels);
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
  }
}

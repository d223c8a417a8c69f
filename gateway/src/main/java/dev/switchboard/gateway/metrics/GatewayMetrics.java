package dev.switchboard.gateway.metrics;

import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;

/**
 * Counts requests, tokens and latencies per model, provider and outcome. Tags stay bounded: model
 * names outside the configured routes are tagged {@code other}.
 */
public final class GatewayMetrics {
  private final MeterRegistry registry;
  private final Set<String> knownModels;

  public GatewayMetrics(MeterRegistry registry, Set<String> knownModels) {
    this.registry = registry;
    this.knownModels = Set.copyOf(knownModels);
  }

  /** Returns the registry the meters live in. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Records one finished request. */
  public void recorded(UsageRecord record) {
    String requested = record.requestedModel();
    String model = requested != null && knownModels.contains(requested) ? requested : "other";
    String provider = record.provider() == null ? "none" : record.provider();
    String outcome = record.outcome().label();
    Counter.builder("switchboard.requests")
        .description("Chat requests by model, provider and outcome")
        .tags("model", model, "provider", provider, "outcome", outcome, "streamed", String.valueOf(record.streamed()))
        .register(registry)
        .increment();
    Timer.builder("switchboard.request.duration")
        .description("Time from request received to last byte sent")
        .tags("model", model, "provider", provider, "outcome", outcome)
        .register(registry)
        .record(Duration.ofMillis(record.latencyMs()));
    if (record.ttftMs() != null) {
      Timer.builder("switchboard.request.ttft")
          .description("Time from request received to first streamed content")
          .tags("model", model, "provider", provider)
          .register(registry)
          .record(Duration.ofMillis(record.ttftMs()));
    }
    TokenUsage usage = record.usage();
    countTokens(model, provider, "prompt", usage.promptTokens());
    countTokens(model, provider, "completion", usage.completionTokens());
    countTokens(model, provider, "reasoning", usage.reasoningTokens());
    countTokens(model, provider, "cached_read", usage.cachedReadTokens());
    countTokens(model, provider, "cache_write", usage.cacheWriteTokens());
    if (record.costUsd() != null) {
      Counter.builder("switchboard.cost")
          .baseUnit("usd")
          .description("Cost from catalog prices")
          .tags("model", model, "provider", provider)
          .register(registry)
          .increment(record.costUsd());
    }
  }

  private void countTokens(String model, String provider, String type, Long tokens) {
    if (tokens == null || tokens == 0) {
      return;
    }
    Counter.builder("switchboard.tokens")
        .description("Provider-reported tokens by type")
        .tags("model", model, "provider", provider, "type", type)
        .register(registry)
        .increment(tokens);
  }
}

package dev.switchboard.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telemetry.ModelFacts;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final GatewayMetrics metrics = new GatewayMetrics(registry, Set.of("openai/gpt-4o-mini"));

  @Test
  void countsRequestsTokensCostAndLatencyPerSeries() {
    metrics.recorded(record("openai/gpt-4o-mini", Outcome.SUCCESS, true, new TokenUsage(12L, 7L, 3L, null, 0L), 0.5, 40L));
    metrics.recorded(record("openai/gpt-4o-mini", Outcome.SUCCESS, true, new TokenUsage(8L, 2L, null, 4L, null), 0.25, null));
    metrics.recorded(record("someone/unrouted", Outcome.UPSTREAM_ERROR, false, TokenUsage.unknown(), null, null));

    assertThat(registry.get("switchboard.requests").tags("model", "openai/gpt-4o-mini", "outcome", "success", "streamed", "true")
        .counter().count()).isEqualTo(2);
    // a model outside the routes is tagged "other", so tags stay bounded
    assertThat(registry.get("switchboard.requests").tags("model", "other", "streamed", "false").counter().count()).isEqualTo(1);
    assertThat(registry.get("switchboard.tokens").tags("model", "openai/gpt-4o-mini", "type", "prompt").counter().count()).isEqualTo(20);
    assertThat(registry.get("switchboard.tokens").tags("model", "openai/gpt-4o-mini", "type", "completion").counter().count()).isEqualTo(9);
    assertThat(registry.get("switchboard.tokens").tags("model", "openai/gpt-4o-mini", "type", "reasoning").counter().count()).isEqualTo(3);
    assertThat(registry.get("switchboard.tokens").tags("model", "openai/gpt-4o-mini", "type", "cached_read").counter().count()).isEqualTo(4);
    assertThat(registry.get("switchboard.cost").tags("model", "openai/gpt-4o-mini").counter().count()).isEqualTo(0.75);
    assertThat(registry.get("switchboard.request.duration").tags("model", "openai/gpt-4o-mini").timer().count()).isEqualTo(2);
    assertThat(registry.get("switchboard.request.duration").tags("model", "openai/gpt-4o-mini").timer().totalTime(TimeUnit.MILLISECONDS))
        .isEqualTo(2 * 120);
    assertThat(registry.get("switchboard.request.ttft").tags("model", "openai/gpt-4o-mini").timer().count()).isEqualTo(1);
  }

  private static UsageRecord record(String model, Outcome outcome, boolean streamed, TokenUsage usage, Double cost, Long ttft) {
    return UsageRecord.builder("chatcmpl-" + System.nanoTime(), Instant.parse("2026-11-28T00:00:00Z"))
        .caller("key", null, null)
        .models(model, model, "mock", ModelFacts.unknown())
        .streamed(streamed)
        .usage(usage)
        .result(outcome == Outcome.SUCCESS ? 200 : 502, outcome, null)
        .timing(120, ttft)
        .cost(cost, false)
        .build();
  }
}

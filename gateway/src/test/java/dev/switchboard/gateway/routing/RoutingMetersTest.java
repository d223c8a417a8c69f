package dev.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.BreakerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Checks the breaker gauge and transition counters as a target opens, half-opens and closes. */
class RoutingMetersTest {
  private final AtomicLong now = new AtomicLong();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RoutingCounters counters = new RoutingCounters();
  private final TargetMonitor monitor =
      new TargetMonitor(new BreakerConfig(true, 2, 100, 10, 10, Duration.ofSeconds(5)), now::get, counters.meters());
  private final TargetKey key = new TargetKey("p", "m");

  @Test
  void breakerStateIsGaugedAndEveryTransitionCounted() {
    counters.meters().bindTo(registry);
    counters.meters().watchBreakers(registry, monitor, List.of(key));
    assertThat(state()).isEqualTo(0.0);
    assertThat(transitionsTo("open")).isZero();

    for (int i = 0; i < 2; i++) {
      assertThat(monitor.tryAcquire(key)).isTrue();
      monitor.release(key, new AttemptReport(AttemptReport.Verdict.FAILURE, null, 1, null, null));
    }
    assertThat(state()).isEqualTo(2.0);
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(monitor.tryAcquire(key)).isTrue(); // the half-open probe
    assertThat(state()).isEqualTo(1.0);
    monitor.release(key, new AttemptReport(AttemptReport.Verdict.SUCCESS, null, 1, null, null));

    assertThat(state()).isEqualTo(0.0);
    assertThat(transitionsTo("open")).isEqualTo(1.0);
    assertThat(transitionsTo("half_open")).isEqualTo(1.0);
    assertThat(transitionsTo("closed")).isEqualTo(1.0);
  }

  @Test
  void attemptsAreCountedByOutcomeAndTimedPerTarget() {
    counters.meters().bindTo(registry);

    counters.meters().attempt(key, "retry", 2_000_000L, null);
    counters.meters().attempt(key, "success", 5_000_000L, 1_000_000L);
    counters.meters().fallback();

    assertThat(registry.get(RoutingMeters.ATTEMPTS).tags("outcome", "retry").counter().count()).isEqualTo(1.0);
    assertThat(registry.get(RoutingMeters.ATTEMPT_DURATION).tags("provider", "p").timer().count()).isEqualTo(2);
    assertThat(registry.get(RoutingMeters.ATTEMPT_TTFB).timer().count()).isEqualTo(1);
    assertThat(registry.get("switchboard.routing.fallbacks").functionCounter().count()).isEqualTo(1.0);
  }

  private double state() {
    return registry.get(RoutingMeters.BREAKER_STATE).tags("provider", "p", "model", "m").gauge().value();
  }

  private double transitionsTo(String state) {
    return registry.get(RoutingMeters.BREAKER_TRANSITIONS).tags("to", state).counter().count();
  }
}

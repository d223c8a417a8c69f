package dev.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.BreakerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TargetMonitorTest {
  private final AtomicLong now = new AtomicLong();
  private final TargetMonitor monitor =
      new TargetMonitor(new BreakerConfig(true, 2, 100, 10, 10, Duration.ofSeconds(5)), now::get);
  private final TargetKey key = new TargetKey("p", "m");

  @Test
  void countsAttemptsInFlightAndFeedsFinishedOnesToTheAverages() {
    assertThat(monitor.tryAcquire(key)).isTrue();
    assertThat(monitor.tryAcquire(key)).isTrue();
    assertThat(monitor.state(key).inFlight()).isEqualTo(2);

    monitor.release(key, new AttemptReport(AttemptReport.Verdict.SUCCESS, null, 900_000_000L, 300_000_000L, 60L));

    TargetState state = monitor.snapshot(List.of(key)).state(key);
    assertThat(state.inFlight()).isEqualTo(1);
    assertThat(state.latencyMs()).isEqualTo(900.0);
    assertThat(state.ttftMs()).isEqualTo(300.0);
    assertThat(state.tokensPerSecond()).isEqualTo(100.0);
  }

  @Test
  void failuresOpenTheBreakerAndTheSnapshotShowsWhenItWillBeReady() {
    for (int i = 0; i < 2; i++) {
      assertThat(monitor.tryAcquire(key)).isTrue();
      monitor.release(key, new AttemptReport(AttemptReport.Verdict.FAILURE, null, 1, null, null));
    }

    TargetState state = monitor.state(key);
    assertThat(state.breaker()).isEqualTo(BreakerState.OPEN);
    assertThat(state.available()).isFalse();
    assertThat(state.readyAtNanos()).isEqualTo(Duration.ofSeconds(5).toNanos());
    assertThat(monitor.tryAcquire(key)).isFalse();
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(monitor.tryAcquire(key)).isTrue();
  }

  @Test
  void neutralResultsNeitherOpenTheBreakerNorCountAsSuccess() {
    for (int i = 0; i < 5; i++) {
      assertThat(monitor.tryAcquire(key)).isTrue();
      monitor.release(key, new AttemptReport(AttemptReport.Verdict.NEUTRAL, null, 1, null, null));
    }

    assertThat(monitor.state(key).breaker()).isEqualTo(BreakerState.CLOSED);
    assertThat(monitor.state(key).latencyMs()).isNull();
  }
}

package dev.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.BreakerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Drives a breaker through its states with hand-set times. */
class CircuitBreakerTest {
  private static final long SECOND = 1_000_000_000L;
  private static final BreakerConfig CONFIG =
      new BreakerConfig(true, 3, 50, 10, 6, Duration.ofSeconds(30));

  @Test
  void opensAfterConsecutiveFailuresAndRefusesUntilTheCoolDownEnds() {
    CircuitBreaker breaker = new CircuitBreaker(CONFIG);
    long now = 100 * SECOND;
    for (int i = 0; i < 2; i++) {
      assertThat(breaker.tryAcquire(now)).isTrue();
      breaker.onFailure(now);
    }
    assertThat(breaker.status(now).state()).isEqualTo(BreakerState.CLOSED);
    breaker.onFailure(now);

    assertThat(breaker.status(now).state()).isEqualTo(BreakerState.OPEN);
    assertThat(breaker.status(now).readyAtNanos()).isEqualTo(now + 30 * SECOND);
    assertThat(breaker.tryAcquire(now + 29 * SECOND)).isFalse();
  }

  @Test
  void aSuccessResetsTheConsecutiveCount() {
    CircuitBreaker breaker = new CircuitBreaker(CONFIG);
    breaker.onFailure(0);
    breaker.onFailure(0);
    breaker.onSuccess();
    breaker.onFailure(0);
    breaker.onFailure(0);

    assertThat(breaker.status(0).state()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void opensWhenTheFailureRateOverTheWindowIsTooHigh() {
    CircuitBreaker breaker = new CircuitBreaker(CONFIG);
    // alternate: never 3 in a row, but 50% of the last 6
    for (int i = 0; i < 5; i++) {
      if (i % 2 == 0) {
        breaker.onFailure(0);
      } else {
        breaker.onSuccess();
      }
      assertThat(breaker.status(0).state()).isEqualTo(BreakerState.CLOSED);
    }
    breaker.onSuccess(); // 6 calls, 3 failures: 50%, but the last one succeeded
    assertThat(breaker.status(0).state()).isEqualTo(BreakerState.CLOSED);
    breaker.onFailure(0); // 7 calls, 4 failures

    assertThat(breaker.status(0).state()).isEqualTo(BreakerState.OPEN);
  }

  @Test
  void halfOpenLetsOneProbeThroughAndItsSuccessCloses() {
    CircuitBreaker breaker = opened(0);
    long later = 30 * SECOND;

    assertThat(breaker.status(later).state()).isEqualTo(BreakerState.HALF_OPEN);
    assertThat(breaker.status(later).available()).isTrue();
    assertThat(breaker.tryAcquire(later)).isTrue();
    assertThat(breaker.tryAcquire(later)).as("second caller while the probe runs").isFalse();
    assertThat(breaker.status(later).available()).isFalse();
    breaker.onSuccess();

    assertThat(breaker.status(later).state()).isEqualTo(BreakerState.CLOSED);
    assertThat(breaker.tryAcquire(later)).isTrue();
  }

  @Test
  void aFailedProbeReopensForAnotherCoolDown() {
    CircuitBreaker breaker = opened(0);
    long later = 31 * SECOND;
    assertThat(breaker.tryAcquire(later)).isTrue();
    breaker.onFailure(later);

    assertThat(breaker.status(later).state()).isEqualTo(BreakerState.OPEN);
    assertThat(breaker.status(later).readyAtNanos()).isEqualTo(later + 30 * SECOND);
  }

  @Test
  void aProbeGivenBackLetsTheNextCallerProbe() {
    CircuitBreaker breaker = opened(0);
    long later = 30 * SECOND;
    assertThat(breaker.tryAcquire(later)).isTrue();
    breaker.release();

    assertThat(breaker.tryAcquire(later)).isTrue();
  }

  @Test
  void aRateLimitCoolsDownForExactlyItsRetryAfter() {
    CircuitBreaker breaker = new CircuitBreaker(CONFIG);
    breaker.onRateLimited(10 * SECOND, Duration.ofSeconds(2));

    assertThat(breaker.status(10 * SECOND).readyAtNanos()).isEqualTo(12 * SECOND);
    assertThat(breaker.tryAcquire(12 * SECOND - 1)).isFalse();
    assertThat(breaker.tryAcquire(12 * SECOND)).isTrue();
  }

  @Test
  void aDisabledBreakerNeverRefuses() {
    CircuitBreaker breaker = new CircuitBreaker(BreakerConfig.disabled());
    for (int i = 0; i < 50; i++) {
      breaker.onFailure(0);
    }
    breaker.onRateLimited(0, Duration.ofSeconds(60));

    assertThat(breaker.tryAcquire(0)).isTrue();
    assertThat(breaker.status(0).available()).isTrue();
  }

  private static CircuitBreaker opened(long now) {
    CircuitBreaker breaker = new CircuitBreaker(CONFIG);
    for (int i = 0; i < 3; i++) {
      breaker.onFailure(now);
    }
    assertThat(breaker.status(now).state()).isEqualTo(BreakerState.OPEN);
    return breaker;
  }
}

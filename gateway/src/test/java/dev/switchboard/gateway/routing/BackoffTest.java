package dev.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void fullJitterDrawsUniformlyUpToADoublingCeilingThatIsCapped() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new Random(1));

    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofMillis(1000));
    assertThat(backoff.ceiling(60)).isEqualTo(Duration.ofMillis(1000));
    double sum = 0;
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      Duration d = backoff.delay(3);
      assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(400));
      sum += d.toNanos();
    }
    // uniform on [0, 400 ms]: the mean is 200 ms
    assertThat(sum / n / 1e6).isBetween(190.0, 210.0);
  }
}

package dev.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

  @Test
  void formatsLikeOpenAiResetHeaders() {
    assertThat(DurationText.of(Duration.ZERO)).isEqualTo("0s");
    assertThat(DurationText.of(Duration.ofMillis(180))).isEqualTo("180ms");
    assertThat(DurationText.of(Duration.ofNanos(179_000_001))).isEqualTo("180ms");
    assertThat(DurationText.of(Duration.ofSeconds(1))).isEqualTo("1s");
    assertThat(DurationText.of(Duration.ofMillis(1_500))).isEqualTo("1.5s");
    assertThat(DurationText.of(Duration.ofMinutes(6))).isEqualTo("6m0s");
    assertThat(DurationText.of(Duration.ofMillis(692_334))).isEqualTo("11m32.334s");
    assertThat(DurationText.of(Duration.ofHours(1))).isEqualTo("1h0m0s");
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUpAtLeastOne() {
    assertThat(DurationText.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
    assertThat(DurationText.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(DurationText.retryAfterSeconds(Duration.ofMillis(12_000))).isEqualTo(12);
    assertThat(DurationText.retryAfterSeconds(Duration.ofMillis(12_001))).isEqualTo(13);
  }
}

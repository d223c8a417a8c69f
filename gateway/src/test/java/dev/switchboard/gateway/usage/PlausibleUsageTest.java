package dev.switchboard.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telemetry.TokenUsage;
import org.junit.jupiter.api.Test;

class PlausibleUsageTest {

  @Test
  void countsFromZeroToABillionAreRecorded() {
    assertThat(PlausibleUsage.isPlausible(new TokenUsage(0L, 1_000_000_000L, null, 0L, 0L))).isTrue();
    assertThat(PlausibleUsage.isPlausible(TokenUsage.unknown())).isTrue();
  }

  @Test
  void oneNegativeOrAbsurdCountRefusesTheWholeUsage() {
    assertThat(PlausibleUsage.isPlausible(new TokenUsage(-5L, 2L, null, 0L, 0L))).isFalse();
    assertThat(PlausibleUsage.isPlausible(new TokenUsage(12L, 1_000_000_001L, null, 0L, 0L))).isFalse();
    assertThat(PlausibleUsage.isPlausible(new TokenUsage(12L, 2L, Long.MAX_VALUE, 0L, 0L))).isFalse();
    assertThat(PlausibleUsage.isPlausible(new TokenUsage(12L, 2L, null, Long.MIN_VALUE, 0L))).isFalse();
  }
}

package dev.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TargetStatsTest {

  @Test
  void movingAveragesStartAtTheFirstSampleAndWeighTheNewestByAlpha() {
    TargetStats stats = new TargetStats();
    assertThat(stats.latencyMs()).isNull();

    stats.record(1000, 200.0, 80L); // 80 tokens in 800 ms of generation: 100 tok/s
    assertThat(stats.latencyMs()).isEqualTo(1000.0);
    assertThat(stats.ttftMs()).isEqualTo(200.0);
    assertThat(stats.tokensPerSecond()).isCloseTo(100.0, within(1e-9));

    stats.record(2000, 400.0, 320L); // 200 tok/s
    assertThat(stats.latencyMs()).isCloseTo(0.3 * 2000 + 0.7 * 1000, within(1e-9));
    assertThat(stats.ttftMs()).isCloseTo(0.3 * 400 + 0.7 * 200, within(1e-9));
    assertThat(stats.tokensPerSecond()).isCloseTo(0.3 * 200 + 0.7 * 100, within(1e-9));
  }

  @Test
  void wholeAnswersUpdateLatencyButNotTimeToFirstChunkAndUnknownTokensLeaveThroughput() {
    TargetStats stats = new TargetStats();
    stats.record(500, null, null);

    assertThat(stats.latencyMs()).isEqualTo(500.0);
    assertThat(stats.ttftMs()).isNull();
    assertThat(stats.tokensPerSecond()).isNull();
  }
}

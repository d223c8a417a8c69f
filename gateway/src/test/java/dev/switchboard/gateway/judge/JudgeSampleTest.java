package dev.switchboard.gateway.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks the deterministic sample: the same ids always, at the configured rate. */
class JudgeSampleTest {

  @Test
  void theSameIdIsAlwaysInOrOutAndRatesNest() {
    String id = "gen-1733390000-abcdefghijklmnopqrst";
    boolean first = JudgeSample.picks(id, 0.3);
    for (int i = 0; i < 5; i++) {
      assertThat(JudgeSample.picks(id, 0.3)).isEqualTo(first);
    }
    // a request sampled at a lower rate is sampled at every higher one
    double position = JudgeSample.position(id);
    assertThat(JudgeSample.picks(id, Math.min(1, position + 1e-9))).isTrue();
    assertThat(JudgeSample.picks(id, position)).isFalse();
    assertThat(JudgeSample.picks(id, 0)).isFalse();
    assertThat(JudgeSample.picks(id, 1)).isTrue();
  }

  @Test
  void picksAboutTheRateOfRealRequestIds() {
    int n = 200_000;
    int picked = 0;
    Random random = new Random(18);
    byte[] bits = new byte[16];
    for (int i = 0; i < n; i++) {
      random.nextBytes(bits);
      // shaped like the gateway's request ids: chatcmpl- and 32 hex digits
      if (JudgeSample.picks("chatcmpl-" + HexFormat.of().formatHex(bits), 0.01)) {
        picked++;
      }
    }
    // binomial sd at 1% of 200k is ~44 requests: 5 sd either side
    assertThat((double) picked / n).isCloseTo(0.01, within(0.0011));
  }
}

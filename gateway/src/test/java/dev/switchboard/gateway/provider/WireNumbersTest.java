package dev.switchboard.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class WireNumbersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Long read(String number) throws Exception {
    return WireNumbers.saturatedLong(JSON.readTree(number));
  }

  @Test
  void aNumberBeyondTheLongRangeSaturatesInsteadOfWrappingToAPlausibleCount() throws Exception {
    assertThat(read("18446744073709551617")).isEqualTo(Long.MAX_VALUE); // 2^64 + 1 would wrap to 1
    assertThat(read("-18446744073709551617")).isEqualTo(Long.MIN_VALUE);
    assertThat(read("1e30")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void ordinaryNumbersAreReadAsTheyAre() throws Exception {
    assertThat(read("42")).isEqualTo(42);
    assertThat(read("-5")).isEqualTo(-5);
    assertThat(read("12.7")).isEqualTo(12);
    assertThat(read("\"42\"")).isNull();
  }

  @Test
  void aRetryAfterIsClampedIntoZeroToAnHour() {
    assertThat(new UpstreamError(429, null, null, "m", 31_536_000).retryAfterSeconds()).isEqualTo(3600);
    assertThat(new UpstreamError(429, null, null, "m", -1).retryAfterSeconds()).isZero();
    assertThat(new UpstreamError(429, null, null, "m", null).retryAfterSeconds()).isNull();
  }
}

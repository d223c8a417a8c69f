package dev.switchboard.gateway.limits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Formats durations the way OpenAI's {@code x-ratelimit-reset-*} headers do (Go's duration
 * syntax): {@code 180ms}, {@code 1s}, {@code 6m0s}, {@code 11m32.334s}, {@code 1h0m0s}.
 */
public final class DurationText {

  private DurationText() {}

  /** Formats {@code duration}, rounded up to the millisecond. */
  public static String of(Duration duration) {
    long millis = duration.isNegative() ? 0 : ceilMillis(duration);
    if (millis == 0) {
      return "0s";
    }
    if (millis < 1_000) {
      return millis + "ms";
    }
    long hours = millis / 3_600_000;
    long minutes = millis / 60_000 % 60;
    BigDecimal seconds =
        BigDecimal.valueOf(millis % 60_000).divide(BigDecimal.valueOf(1_000), 3, RoundingMode.UNNECESSARY);
    String secondsText = seconds.stripTrailingZeros().toPlainString() + "s";
    if (hours > 0) {
      return hours + "h" + minutes + "m" + secondsText;
    }
    return minutes > 0 ? minutes + "m" + secondsText : secondsText;
  }

  /** Returns whole seconds for {@code Retry-After}, rounded up, at least 1. */
  public static long retryAfterSeconds(Duration duration) {
    return Math.max(1, (ceilMillis(duration) + 999) / 1_000);
  }

  private static long ceilMillis(Duration duration) {
    long millis = duration.toMillis();
    return duration.minusMillis(millis).isZero() ? millis : millis + 1;
  }
}

package dev.switchboard.gateway.limits;

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
    String secondsText = seconds(millis % 60_000);
    if (hours > 0) {
      return hours + "h" + minutes + "m" + secondsText;
    }
    return minutes > 0 ? minutes + "m" + secondsText : secondsText;
  }

  private static String seconds(long millis) {
    long whole = millis / 1_000;
    int fraction = (int) (millis % 1_000);
    if (fraction == 0) {
      return whole + "s";
    }
    String digits = String.valueOf(1_000 + fraction).substring(1); // zero-padded to 3 digits
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    return whole + "." + digits.substring(0, end) + "s";
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

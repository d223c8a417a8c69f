package dev.switchboard.gateway.provider.openaicompat;

import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads how long an upstream asked us to wait: {@code retry-after-ms} first (as openai-python
 * does), else {@code retry-after} in seconds or as an HTTP-date (RFC 9110 §10.2.3).
 */
public final class RetryAfter {

  private RetryAfter() {}

  /** Returns the wait in whole seconds, rounded up, or null when no usable header is present. */
  public static Integer seconds(MultiMap headers, Instant now) {
    if (headers == null) {
      return null;
    }
    Double millis = number(headers.get("retry-after-ms"));
    if (millis != null) {
      return ceilSeconds(millis / 1000.0);
    }
    String retryAfter = headers.get("retry-after");
    Double seconds = number(retryAfter);
    if (seconds != null) {
      return ceilSeconds(seconds);
    }
    if (retryAfter == null) {
      return null;
    }
    try {
      Instant at =
          ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return ceilSeconds(Math.max(0, Duration.between(now, at).toMillis()) / 1000.0);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static Integer ceilSeconds(double seconds) {
    return (int) Math.min(Integer.MAX_VALUE, Math.ceil(seconds));
  }

  private static Double number(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      double parsed = Double.parseDouble(value.trim());
      return Double.isFinite(parsed) && parsed >= 0 ? parsed : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

package dev.switchboard.telemetry.stats;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/** Names a time bucket in UTC: calendar day, ISO week (Monday 00:00 UTC), calendar month. */
public enum Bucket {
  DAY,
  WEEK,
  MONTH;

  /** Returns the lowercase wire name ({@code week}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Finds a bucket by its wire name. */
  public static Optional<Bucket> fromLabel(String value) {
    for (Bucket b : values()) {
      if (b.label().equals(value)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  /** Returns the first day of the bucket holding {@code day}. */
  public LocalDate start(LocalDate day) {
    return switch (this) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
    };
  }

  /** Returns the first day after the bucket starting at {@code start}. */
  public LocalDate next(LocalDate start) {
    return switch (this) {
      case DAY -> start.plusDays(1);
      case WEEK -> start.plusWeeks(1);
      case MONTH -> start.plusMonths(1);
    };
  }
}

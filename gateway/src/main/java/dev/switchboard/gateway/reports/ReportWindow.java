package dev.switchboard.gateway.reports;

import dev.switchboard.config.AlertsConfig.ReportPeriod;
import dev.switchboard.telemetry.stats.Bucket;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One period a spend report covers: a UTC day or an ISO week (Monday 00:00 UTC), {@code start}
 * inclusive, {@code end} exclusive.
 *
 * @param period {@code day} or {@code week}, as the report and the delivery log name it
 */
record ReportWindow(String period, LocalDate start, LocalDate end) {

  /** Returns the last period of {@code every} that has closed at {@code now}. */
  static ReportWindow lastClosed(ReportPeriod every, Instant now) {
    Bucket bucket = every == ReportPeriod.WEEK ? Bucket.WEEK : Bucket.DAY;
    LocalDate end = bucket.start(LocalDate.ofInstant(now, ZoneOffset.UTC));
    LocalDate start = every == ReportPeriod.WEEK ? end.minusWeeks(1) : end.minusDays(1);
    return new ReportWindow(bucket.label(), start, end);
  }

  /** Returns the first day of the month the period's last day is in (for month-to-date spend). */
  LocalDate monthStart() {
    return end.minusDays(1).withDayOfMonth(1);
  }

  Instant startInstant() {
    return start.atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  Instant endInstant() {
    return end.atStartOfDay().toInstant(ZoneOffset.UTC);
  }
}

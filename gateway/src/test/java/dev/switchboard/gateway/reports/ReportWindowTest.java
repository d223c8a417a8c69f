package dev.switchboard.gateway.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.AlertsConfig.ReportPeriod;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Checks which period a report covers: the last closed UTC day or ISO week, and its month start. */
class ReportWindowTest {

  @Test
  void aDayClosesAtUtcMidnight() {
    assertThat(ReportWindow.lastClosed(ReportPeriod.DAY, Instant.parse("2026-03-11T00:00:00Z")))
        .isEqualTo(new ReportWindow("day", LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-11")));
    assertThat(ReportWindow.lastClosed(ReportPeriod.DAY, Instant.parse("2026-03-10T23:59:59.999Z")).start())
        .isEqualTo(LocalDate.parse("2026-03-09"));
  }

  @Test
  void aWeekRunsFromMondayToMondayAndItsMonthIsThatOfItsLastDay() {
    // Wednesday 2026-03-04: the last closed week is Monday 2026-02-23 to Monday 2026-03-02
    ReportWindow week = ReportWindow.lastClosed(ReportPeriod.WEEK, Instant.parse("2026-03-04T10:00:00Z"));
    assertThat(week).isEqualTo(new ReportWindow("week", LocalDate.parse("2026-02-23"), LocalDate.parse("2026-03-02")));
    assertThat(week.monthStart()).isEqualTo(LocalDate.parse("2026-03-01"));
    assertThat(week.startInstant()).isEqualTo(Instant.parse("2026-02-23T00:00:00Z"));
    assertThat(week.endInstant()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
    // on the Monday itself the week just ended is the one reported
    assertThat(ReportWindow.lastClosed(ReportPeriod.WEEK, Instant.parse("2026-03-02T00:00:00Z"))).isEqualTo(week);
    assertThat(ReportWindow.lastClosed(ReportPeriod.DAY, Instant.parse("2026-03-01T05:00:00Z")).monthStart())
        .isEqualTo(LocalDate.parse("2026-02-01"));
  }
}

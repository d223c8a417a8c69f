package dev.switchboard.gateway.simulate.traffic;

import dev.switchboard.gateway.simulate.scenario.Scenario;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Maps a scenario's week numbers to dates, instants and progress through the year (UTC). */
public record SimCalendar(LocalDate start, int weeks) {

  /** Returns the calendar of {@code scenario}. */
  public static SimCalendar of(Scenario scenario) {
    return new SimCalendar(scenario.start(), scenario.weeks());
  }

  /** Returns the Monday week {@code week} (0-based) begins. */
  public LocalDate weekStart(int week) {
    return start.plusWeeks(week);
  }

  /** Returns the instant week {@code week} begins. */
  public Instant weekInstant(int week) {
    return weekStart(week).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /** Returns how far through the year week {@code week} is: 0 for the first, 1 for the last. */
  public double progress(int week) {
    return weeks <= 1 ? 0 : Math.min(1, Math.max(0, week / (double) (weeks - 1)));
  }
}

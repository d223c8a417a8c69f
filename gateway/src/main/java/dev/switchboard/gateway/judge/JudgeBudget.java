package dev.switchboard.gateway.judge;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Caps what the judge spends per UTC day in this process: once its recorded calls cost the cap,
 * no new call starts until the next day. Calls already in flight still finish, so the day's spend
 * can pass the cap by at most {@code concurrency} calls. Thread-safe.
 */
final class JudgeBudget {
  private final double capUsd;
  private final Clock clock;
  private LocalDate day;
  private double spent;

  JudgeBudget(double capUsd, Clock clock) {
    this.capUsd = capUsd;
    this.clock = clock;
  }

  /** Returns whether today's spend has reached the cap. */
  synchronized boolean exhausted() {
    roll();
    return spent >= capUsd;
  }

  /** Adds a call's cost; unknown or absurd costs add nothing. */
  synchronized void spend(Double usd) {
    roll();
    if (usd != null && Double.isFinite(usd) && usd > 0) {
      spent += usd;
    }
  }

  /** Returns what the judge spent today, in USD. */
  synchronized double spentToday() {
    roll();
    return spent;
  }

  private void roll() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (!today.equals(day)) {
      day = today;
      spent = 0;
    }
  }
}

package dev.switchboard.gateway.auth;

import java.time.LocalDate;

/**
 * Holds one key's spend in one budget period, as persisted in {@code key_spend}.
 *
 * @param period {@code day} or {@code month}
 * @param periodStart the UTC day, or the first day of the UTC month
 */
public record SpendRow(String keyId, String period, LocalDate periodStart, double spendUsd) {
  public static final String DAY = "day";
  public static final String MONTH = "month";
}

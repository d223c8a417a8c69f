package dev.switchboard.gateway.limits;

/** Holds what one key spent in the current UTC day and month, in USD. */
public record SpendTotals(double dayUsd, double monthUsd) {
  static final SpendTotals ZERO = new SpendTotals(0, 0);
}

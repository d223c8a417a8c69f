package dev.switchboard.gateway.limits;

/**
 * Holds a key's day and month budgets in dollars; either may be null (no budget for that period).
 */
public record Budgets(Double dayUsd, Double monthUsd) {

  /** Returns whether {@code spent} has reached either budget: the test {@code KeyAccessPolicy} refuses on (402). */
  public boolean reachedBy(SpendTotals spent) {
    return (dayUsd != null && spent.dayUsd() >= dayUsd) || (monthUsd != null && spent.monthUsd() >= monthUsd);
  }

  /** Returns whether {@code spent} is under half of every budget set (leases may skip checks then). */
  public boolean underHalf(SpendTotals spent) {
    return (dayUsd == null || spent.dayUsd() < dayUsd / 2) && (monthUsd == null || spent.monthUsd() < monthUsd / 2);
  }
}

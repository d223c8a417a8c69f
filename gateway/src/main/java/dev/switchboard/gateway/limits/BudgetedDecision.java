package dev.switchboard.gateway.limits;

/**
 * Answers {@link BudgetLedger#checkAndAcquire}: the key's spend totals its budgets were checked
 * against, and the rate decision, or null when a budget was reached (nothing was taken then).
 */
public record BudgetedDecision(SpendTotals spent, RateDecision rate) {}

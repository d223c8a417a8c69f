package dev.switchboard.telemetry.stats;

import java.time.YearMonth;

/**
 * Counts the end users of one model whose first request to it fell in {@code cohort} and who made
 * at least one request to it in {@code active}.
 */
public record CohortRow(String model, YearMonth cohort, YearMonth active, long users) {}

package dev.switchboard.telemetry.stats;

import java.time.Instant;

/** Holds the timestamps of the first and last matching record. */
public record Extent(Instant first, Instant last) {}

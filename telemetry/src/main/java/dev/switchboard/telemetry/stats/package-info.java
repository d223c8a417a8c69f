/**
 * Defines the portable aggregate queries the study's analyses need from a store: sums and counts
 * grouped by time bucket and dimensions, latency quantiles, and cohort counts. A store implements
 * {@link dev.switchboard.telemetry.stats.AggregateSource}; nothing here knows SQL or HTTP.
 */
package dev.switchboard.telemetry.stats;

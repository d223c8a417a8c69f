/**
 * Computes the study's analyses (and the operational ones beyond it) as plain Java over the
 * aggregates of an {@link dev.switchboard.telemetry.stats.AggregateSource}: shares, top-N,
 * concentration, quadrants, retention, elasticity. Results are immutable tables; rendering them
 * (JSON, CSV, Markdown) belongs to the caller.
 */
package dev.switchboard.telemetry.stats.analysis;

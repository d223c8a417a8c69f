/**
 * Turns stats requests into {@code StatsQuery}s (validating every parameter) and analysis results
 * into JSON, CSV and Markdown. Used by the HTTP handler and the {@code report} command; the
 * analyses themselves live in telemetry.
 */
package dev.switchboard.gateway.stats;

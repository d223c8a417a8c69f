/**
 * Owns turning token usage into money with catalog prices. Pure functions; depends only on the
 * config catalog types and {@code TokenUsage}.
 */
package dev.switchboard.telemetry.cost;

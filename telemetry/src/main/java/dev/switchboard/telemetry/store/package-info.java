/**
 * Owns persistence of usage records: the {@code UsageStore} contract, its embedded DuckDB
 * implementation and the asynchronous batching writer that feeds it off the request path. Knows
 * nothing of HTTP; must not depend on the gateway.
 */
package dev.switchboard.telemetry.store;

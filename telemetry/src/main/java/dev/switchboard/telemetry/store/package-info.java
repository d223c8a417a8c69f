/**
 * Owns persistence of usage records: the {@code UsageStore} contract, its embedded DuckDB and its
 * ClickHouse implementation (chosen by {@code UsageStores} from {@code telemetry.store}; nothing
 * outside this package names either), and the asynchronous batching writer that feeds them off the
 * request path. Speaks HTTP only as a client of ClickHouse; must not depend on the gateway.
 */
package dev.switchboard.telemetry.store;

/**
 * Owns the connections to the state several gateways share: reading {@code state.redis} and
 * creating the one kind of Redis client every shared store uses, and choosing where keys, spend and
 * stored bodies live ({@code state.database}, else the embedded file). Knows no store's keys or
 * scripts; the PostgreSQL stores are in {@code state.postgres}.
 */
package dev.switchboard.gateway.state;

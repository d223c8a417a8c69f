/**
 * Knows who is calling: gateway API keys (hashed secrets in the embedded store, cached in memory,
 * plus static keys from config), the admin key, and the decorator that resolves each request's
 * {@link dev.switchboard.gateway.auth.Caller}. Depends on config and telemetry's store only; knows
 * nothing of rate limits, budgets or providers.
 */
package dev.switchboard.gateway.auth;

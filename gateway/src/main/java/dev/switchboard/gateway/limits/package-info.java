/**
 * Decides whether an identified caller may make one more request: allowed models, spend budgets
 * per UTC day and month, and requests/tokens per minute per key and per upstream target, behind a
 * small {@link dev.switchboard.gateway.limits.RateLimiter}: in process, or shared through Redis.
 * Depends on auth (who) and usage records (what it cost); never on HTTP handlers.
 */
package dev.switchboard.gateway.limits;

/**
 * Decides which upstream deployment serves a request and keeps the request alive through
 * failures. The {@link dev.switchboard.gateway.routing.Router} is pure (request preferences, route
 * targets and a snapshot of live target state in, ordered targets out); the {@link
 * dev.switchboard.gateway.routing.Dispatcher} runs its decision on the event loop with retries,
 * fallbacks, circuit breakers and per-phase timeouts. Knows nothing of HTTP responses: streams are
 * handed to a {@link dev.switchboard.gateway.routing.StreamConsumer}.
 */
package dev.switchboard.gateway.routing;

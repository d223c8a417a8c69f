/**
 * Owns the thin HTTP handlers: parse the request, hand it to the routing dispatcher, write the
 * answer (SSE relay with backpressure) or an OpenAI-shaped error. Handlers run on event loops and
 * never block; store lookups run on worker threads.
 */
package dev.switchboard.gateway.http;

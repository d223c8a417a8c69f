/**
 * Owns the thin HTTP handlers: parse the request, call routing and a provider adapter, write the
 * answer or an OpenAI-shaped error. Handlers run on event loops and never block.
 */
package dev.switchboard.gateway.http;

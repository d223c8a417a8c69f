/**
 * Owns the Anthropic Messages wire family: mapping an OpenAI-shaped chat request to {@code POST
 * /messages}, and mapping the answer (whole or as named SSE events) back to OpenAI {@code
 * chat.completion} objects and chunks, measured into a {@code ResponseSummary}; also Anthropic's
 * error envelope. Depends on {@code provider}, {@code provider.sse} and telemetry records; never on
 * HTTP handlers or routing.
 */
package dev.switchboard.gateway.provider.anthropic;

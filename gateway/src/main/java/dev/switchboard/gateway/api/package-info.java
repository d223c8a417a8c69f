/**
 * Owns the OpenAI-shaped wire records the gateway accepts and emits: the chat request as parsed
 * from the client, API errors in OpenAI's envelope, and the shared JSON codec. No routing or
 * provider knowledge.
 */
package dev.switchboard.gateway.api;

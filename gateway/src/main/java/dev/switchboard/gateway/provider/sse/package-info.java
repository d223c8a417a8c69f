/**
 * Owns server-sent-events framing: turning upstream response bytes, split any way, into events per
 * the WHATWG EventSource rules. Shared by every provider family; knows nothing of JSON, providers
 * or telemetry, and depends only on the Vert.x {@code Buffer}.
 */
package dev.switchboard.gateway.provider.sse;

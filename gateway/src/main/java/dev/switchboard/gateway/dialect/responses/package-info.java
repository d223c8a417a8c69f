/**
 * OpenAI's Responses API as an ingress dialect ({@code POST /v1/responses}, its event stream),
 * stateless: what Codex CLI and the OpenAI SDKs' {@code responses} clients speak. Depends only on
 * the dialect seam, the chat shape and the usage parser the record uses; no provider adapter is
 * named here (OpenAI's own Responses upstream is the openai-compatible adapter's business).
 */
package dev.switchboard.gateway.dialect.responses;

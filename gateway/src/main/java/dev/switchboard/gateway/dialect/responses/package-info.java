/**
 * OpenAI's Responses API as an ingress dialect ({@code POST /v1/responses}, its event stream),
 * stateless: what Codex CLI and the OpenAI SDKs' {@code responses} clients speak. Depends on the
 * dialect seam and the chat shape only; no provider is named here.
 */
package dev.switchboard.gateway.dialect.responses;

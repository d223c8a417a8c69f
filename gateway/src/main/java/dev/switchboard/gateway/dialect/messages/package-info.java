/**
 * Anthropic's Messages API as an ingress dialect ({@code POST /v1/messages}, its event stream,
 * {@code count_tokens}): what Claude Code and the Anthropic SDKs speak.
 */
package dev.switchboard.gateway.dialect.messages;

/**
 * Owns the OpenAI Chat Completions wire family (OpenAI, DeepSeek, xAI, Groq, Mistral, Z.ai,
 * OpenRouter, Qwen, Ollama, vLLM...): the adapter that talks to them, measuring streamed and whole
 * answers into a {@code ResponseSummary}, normalizing usage and finish reasons, and reading error
 * bodies. Depends on {@code provider.sse} and telemetry records; never on HTTP handlers or routing.
 */
package dev.switchboard.gateway.provider.openaicompat;

/**
 * Owns the OpenAI Chat Completions wire family (OpenAI, Azure, DeepSeek, xAI, Groq, Mistral, Z.ai,
 * OpenRouter, Qwen, Kimi, MiniMax, Ollama, vLLM, llama.cpp...): one adapter whose per-flavor
 * {@code OpenAiCompatQuirks} decide URL, key header and request fields; answers are measured into
 * a {@code ResponseSummary} as the provider sent them, then normalized for the client (reasoning in
 * one field, OpenAI finish reasons, in-band errors). Depends on {@code provider.sse}, config and
 * telemetry records; never on HTTP handlers or routing.
 */
package dev.switchboard.gateway.provider.openaicompat;

/**
 * Simulates OpenAI-compatible providers for demo mode: a local HTTP upstream with per-model latency
 * and length profiles, deterministic answers and tool calls, real usage counts, and the config that
 * routes catalog models to it. Depends on config and telemetry only; nothing in the gateway may
 * depend on this package except the composition root.
 */
package dev.switchboard.gateway.demo;

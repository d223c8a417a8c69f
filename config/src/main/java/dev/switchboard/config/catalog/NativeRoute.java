package dev.switchboard.config.catalog;

import dev.switchboard.config.ProviderKind;

/**
 * Names where a model is served first-party: the provider kind, the OpenAI-compatible flavor for
 * kind {@code openai-compatible}, and the model id that provider's API expects.
 *
 * @param kind the provider kind that serves the model natively
 * @param flavor the OpenAI-compatible flavor (e.g. {@code deepseek}); null for the other kinds
 * @param model the upstream model id, e.g. {@code claude-sonnet-4-5}
 */
public record NativeRoute(ProviderKind kind, String flavor, String model) {}

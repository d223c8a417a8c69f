package dev.switchboard.gateway.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Holds a complete non-streaming answer in OpenAI {@code chat.completion} shape, with what was
 * measured from it.
 *
 * @param completionText the visible output (answer, reasoning, tool arguments) for normalized
 *     token counting
 */
public record ChatCompletion(ObjectNode body, ResponseSummary summary, String completionText) {}

package dev.switchboard.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Holds an Anthropic Messages request body and the choices made while mapping it that shape the
 * answer.
 *
 * @param excludeReasoning the client enabled thinking but asked not to receive it ({@code
 *     reasoning.exclude})
 */
public record MappedRequest(ObjectNode body, boolean excludeReasoning) {}

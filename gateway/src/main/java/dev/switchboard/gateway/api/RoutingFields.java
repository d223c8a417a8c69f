package dev.switchboard.gateway.api;

import java.util.List;

/**
 * Holds the OpenRouter routing fields of a chat request.
 *
 * @param models the models to try in order: {@code model} first, then {@code models}, without
 *     duplicates
 * @param provider the {@code provider} preferences
 * @param usesReasoning whether the request sets reasoning parameters ({@code reasoning}, {@code
 *     reasoning_effort}), for {@code require_parameters}
 */
public record RoutingFields(
    List<ModelChoice> models, ProviderPreferences provider, boolean usesReasoning) {

  public RoutingFields {
    models = List.copyOf(models);
  }
}

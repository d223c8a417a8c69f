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
 * @param middleOut whether {@code transforms} asks for {@code middle-out}: trim the middle of a
 *     conversation that fits no target's context window
 */
public record RoutingFields(
    List<ModelChoice> models,
    ProviderPreferences provider,
    boolean usesReasoning,
    boolean middleOut) {

  public RoutingFields {
    models = List.copyOf(models);
  }

  /** Returns fields without transforms. */
  public RoutingFields(List<ModelChoice> models, ProviderPreferences provider, boolean usesReasoning) {
    this(models, provider, usesReasoning, false);
  }
}

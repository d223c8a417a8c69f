package dev.switchboard.gateway.routing;

import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.ModelChoice;
import dev.switchboard.gateway.api.ProviderPreferences;
import dev.switchboard.gateway.api.RoutingFields;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a request's model names and provider preferences into a {@link RouteRequest}, refusing
 * model names that have no route (404) and provider names the config does not know (400, listing
 * the known ones).
 */
public final class RouteResolver {
  private final ModelRouter routes;
  private final Set<String> providerIds;

  public RouteResolver(ModelRouter routes, Set<String> providerIds) {
    this.routes = routes;
    this.providerIds = new TreeSet<>(providerIds);
  }

  /**
   * Resolves {@code request}.
   *
   * @throws ApiErrorException for an unknown model or provider name
   */
  public RouteRequest resolve(ChatRequest request, RoutingFields fields) {
    ProviderPreferences preferences = fields.provider();
    checkProviders(preferences.order(), "provider.order");
    checkProviders(preferences.only(), "provider.only");
    checkProviders(preferences.ignore(), "provider.ignore");
    List<RouteRequest.Candidate> candidates = new ArrayList<>();
    for (ModelChoice choice : fields.models()) {
      ResolvedRoute route =
          routes.route(choice.model())
              .orElseThrow(() -> new ApiErrorException(ApiError.modelNotFound(choice.model())));
      candidates.add(new RouteRequest.Candidate(route, choice.sort()));
    }
    Set<Capability> required = EnumSet.noneOf(Capability.class);
    if (request.toolsOffered()) {
      required.add(Capability.TOOLS);
    }
    if (fields.usesReasoning()) {
      required.add(Capability.REASONING);
    }
    return new RouteRequest(candidates, preferences, required);
  }

  private void checkProviders(List<String> names, String param) {
    for (String name : names) {
      if (!providerIds.contains(name)) {
        throw new ApiErrorException(
            ApiError.badRequest(
                "unknown_provider",
                param,
                "Unknown provider '" + name + "' in '" + param + "'. Known providers: "
                    + String.join(", ", providerIds) + "."));
      }
    }
  }
}

package dev.switchboard.gateway.routing;

import dev.switchboard.gateway.affinity.AffinityStore;
import dev.switchboard.gateway.affinity.SessionKey;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.Dialect;
import dev.switchboard.gateway.api.ModelChoice;
import dev.switchboard.gateway.api.ProviderPreferences;
import dev.switchboard.gateway.api.RoutingFields;
import dev.switchboard.gateway.api.RoutingFieldsParser;
import dev.switchboard.gateway.limits.PromptEstimate;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a request's model names and provider preferences into a {@link RouteRequest}, refusing
 * model names that have no route (404) and provider names the config does not know (400, listing
 * the known ones); adds the request's session (when affinity is on) and prompt size, trimming the
 * prompt with {@code middle-out} or refusing it (400) when it fits no target's context window.
 */
public final class RouteResolver {
  private final ModelRouter routes;
  private final Set<String> providerIds;
  private final boolean sessions;
  private final RoutingCounters counters;

  public RouteResolver(ModelRouter routes, Set<String> providerIds) {
    this(routes, providerIds, false, new RoutingCounters());
  }

  /** Returns a resolver deriving sessions when {@code runtime} keeps affinity. */
  public RouteResolver(ModelRouter routes, Set<String> providerIds, RoutingRuntime runtime) {
    this(routes, providerIds, runtime.affinity() != AffinityStore.none(), runtime.counters());
  }

  private RouteResolver(
      ModelRouter routes, Set<String> providerIds, boolean sessions, RoutingCounters counters) {
    this.routes = routes;
    this.providerIds = new TreeSet<>(providerIds);
    this.sessions = sessions;
    this.counters = counters;
  }

  /**
   * Resolves {@code request} with its routing fields, session ({@code headers} carry some clients'
   * session ids) and prompt size.
   *
   * @throws ApiErrorException for an unknown model or provider name, a malformed routing field,
   *     or a prompt no target can hold
   */
  public Routed route(ChatRequest request, MultiMap headers) {
    RoutingFields fields = RoutingFieldsParser.parse(request);
    RouteRequest route = resolve(request, fields);
    long tokens = PromptEstimate.contextTokens(request);
    List<String> transforms = List.of();
    Long largest = largestWindow(route);
    if (largest != null && tokens > ContextWindow.budget(largest.intValue())) {
      ChatRequest trimmed =
          fields.middleOut() && request.origin().is(Dialect.CHAT)
              ? MiddleOut.trim(request, ContextWindow.budget(largest.intValue()))
              : null;
      if (trimmed == null) {
        throw new ApiErrorException(tooLong(tokens, largest, fields.middleOut()));
      }
      counters.middleOut();
      request = trimmed;
      tokens = PromptEstimate.contextTokens(trimmed);
      transforms = List.of(RoutingFieldsParser.MIDDLE_OUT);
    }
    route = route.withPromptTokens(tokens);
    if (sessions) {
      route = route.withSession(SessionKey.of(request, headers));
    }
    return new Routed(request, route, transforms);
  }

  /** Returns the largest context window of the request's targets, or null if one is unknown. */
  private static Long largestWindow(RouteRequest route) {
    long largest = 0;
    for (RouteRequest.Candidate candidate : route.candidates()) {
      for (ResolvedTarget target : candidate.route().targets()) {
        Integer window = ContextWindow.of(target);
        if (window == null) {
          return null;
        }
        largest = Math.max(largest, window);
      }
    }
    return largest;
  }

  private static ApiError tooLong(long tokens, long largest, boolean triedMiddleOut) {
    String hint =
        triedMiddleOut
            ? " middle-out could not make it fit: the system prompt, first and last turns alone are"
                + " too long."
            : " Shorten it, or send \"transforms\": [\"middle-out\"] to drop the middle of the"
                + " conversation.";
    return ApiError.badRequest(
        "context_length_exceeded",
        "messages",
        "This request's prompt is about " + tokens + " tokens, which with "
            + ContextWindow.MIN_OUTPUT_TOKENS + " tokens for the answer exceeds the largest context"
            + " window of this model's targets (" + largest + " tokens)." + hint);
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

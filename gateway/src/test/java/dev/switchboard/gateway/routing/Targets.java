package dev.switchboard.gateway.routing;

import dev.switchboard.config.PriceCap;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.RoutingStrategy;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.TargetTimeouts;
import dev.switchboard.config.catalog.ModelInfo;
import dev.switchboard.config.catalog.ModelPrices;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds resolved targets and routes for routing unit tests. */
final class Targets {

  private Targets() {}

  static ProviderConfig provider(String id, Boolean collectsData) {
    return new ProviderConfig(
        id, ProviderKind.OPENAI_COMPATIBLE, URI.create("http://" + id + ".test/v1"), SecretRef.none(),
        Map.of(), collectsData);
  }

  /** A target of provider {@code id} with the given priority, weight and catalog prices (null: unknown). */
  static ResolvedTarget target(String id, int priority, int weight, Double input, Double output) {
    return target(id, priority, weight, input, output, true, PriceCap.none());
  }

  static ResolvedTarget target(
      String id, int priority, int weight, Double input, Double output, Boolean tools, PriceCap cap) {
    ModelInfo info =
        new ModelInfo(
            "test/" + id, id, "test", true, "US", null, null, false, tools, 8192,
            new ModelPrices(input, output, null, null), null);
    return new ResolvedTarget(
        "m", provider(id, null), id + "-model", Optional.of(info), weight, priority, cap,
        TargetTimeouts.inherit());
  }

  static ResolvedTarget plain(String id, int priority) {
    return target(id, priority, 1, 1.0, 1.0);
  }

  static ResolvedRoute route(RoutingStrategy strategy, ResolvedTarget... targets) {
    return new ResolvedRoute("m", strategy, List.of(targets));
  }

  static List<String> providers(RoutingPlan plan) {
    return plan.targets().stream().map(t -> t.provider().id()).toList();
  }

  static TargetState measured(Double ttftMs, Double tokensPerSecond, int inFlight) {
    return new TargetState(BreakerState.CLOSED, true, 0, ttftMs, ttftMs, tokensPerSecond, inFlight);
  }

  static TargetState open() {
    return new TargetState(BreakerState.OPEN, false, 1_000, null, null, null, 0);
  }
}

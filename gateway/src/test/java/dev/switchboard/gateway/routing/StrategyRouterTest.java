package dev.switchboard.gateway.routing;

import static dev.switchboard.gateway.routing.Targets.measured;
import static dev.switchboard.gateway.routing.Targets.open;
import static dev.switchboard.gateway.routing.Targets.plain;
import static dev.switchboard.gateway.routing.Targets.providers;
import static dev.switchboard.gateway.routing.Targets.route;
import static dev.switchboard.gateway.routing.Targets.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.switchboard.config.PriceCap;
import dev.switchboard.config.RoutingStrategy;
import dev.switchboard.gateway.api.ProviderPreferences;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Drives the pure router with hand-made routes and snapshots: no I/O, no clock. */
class StrategyRouterTest {
  private final Router router = new StrategyRouter(new Random(42));

  private static RouteRequest request(ResolvedRoute route, ProviderPreferences preferences) {
    return new RouteRequest(List.of(new RouteRequest.Candidate(route, null)), preferences, Set.of());
  }

  private static ProviderPreferences prefs(
      List<String> order, List<String> only, List<String> ignore, boolean allowFallbacks) {
    return new ProviderPreferences(order, only, ignore, allowFallbacks, null, PriceCap.none(), false, false);
  }

  @Test
  void fallbackTriesTargetsByPriorityThenListOrder() {
    ResolvedRoute route =
        route(RoutingStrategy.FALLBACK, plain("a", 2), plain("b", 0), plain("c", 2), plain("d", 1));

    RoutingPlan plan = router.plan(RouteRequest.of(route), TargetSnapshot.empty());

    assertThat(providers(plan)).containsExactly("b", "d", "a", "c");
    assertThat(plan.excluded()).isEmpty();
  }

  @Test
  void weightedPicksTheFirstTargetInProportionToItsWeight() {
    ResolvedRoute route =
        route(RoutingStrategy.WEIGHTED, target("a", 0, 3, 1.0, 1.0), target("b", 1, 1, 1.0, 1.0));
    int draws = 20_000;
    int first = 0;
    for (int i = 0; i < draws; i++) {
      RoutingPlan plan = router.plan(RouteRequest.of(route), TargetSnapshot.empty());
      assertThat(plan.targets()).hasSize(2); // the other target stays as fallback
      if (plan.targets().get(0).provider().id().equals("a")) {
        first++;
      }
    }
    assertThat(first / (double) draws).isBetween(0.74, 0.76);
  }

  @Test
  void weightedChoiceIsReproducibleFromTheSeed() {
    ResolvedRoute route =
        route(RoutingStrategy.WEIGHTED, plain("a", 0), plain("b", 1), plain("c", 2));
    Router one = new StrategyRouter(new Random(7));
    Router two = new StrategyRouter(new Random(7));
    for (int i = 0; i < 50; i++) {
      assertThat(providers(one.plan(RouteRequest.of(route), TargetSnapshot.empty())))
          .isEqualTo(providers(two.plan(RouteRequest.of(route), TargetSnapshot.empty())));
    }
  }

  @Test
  void priceSortsCheapestFirstAndUnknownPricesLast() {
    ResolvedRoute route =
        route(
            RoutingStrategy.PRICE,
            target("dear", 0, 1, 3.0, 15.0),
            target("unknown", 1, 1, null, null),
            target("cheap", 2, 1, 0.1, 0.4),
            target("mid", 3, 1, 0.5, 2.0));

    assertThat(providers(router.plan(RouteRequest.of(route), TargetSnapshot.empty())))
        .containsExactly("cheap", "mid", "dear", "unknown");
  }

  @Test
  void latencySortsFastestFirstAndMeasuresUnmeasuredTargetsFirst() {
    ResolvedRoute route =
        route(RoutingStrategy.LATENCY, plain("slow", 0), plain("new", 1), plain("fast", 2));
    TargetSnapshot snapshot =
        new TargetSnapshot(
            Map.of(
                new TargetKey("slow", "slow-model"), measured(900.0, null, 0),
                new TargetKey("fast", "fast-model"), measured(120.0, null, 0)));

    assertThat(providers(router.plan(RouteRequest.of(route), snapshot)))
        .containsExactly("new", "fast", "slow");
  }

  @Test
  void throughputSortsMostTokensPerSecondFirst() {
    ResolvedRoute route =
        route(RoutingStrategy.THROUGHPUT, plain("a", 0), plain("b", 1), plain("c", 2));
    TargetSnapshot snapshot =
        new TargetSnapshot(
            Map.of(
                new TargetKey("a", "a-model"), measured(null, 40.0, 0),
                new TargetKey("b", "b-model"), measured(null, 180.0, 0),
                new TargetKey("c", "c-model"), measured(null, 95.0, 0)));

    assertThat(providers(router.plan(RouteRequest.of(route), snapshot))).containsExactly("b", "c", "a");
  }

  @Test
  void leastInflightSortsTheLeastBusyFirstWithPriorityBreakingTies() {
    ResolvedRoute route =
        route(RoutingStrategy.LEAST_INFLIGHT, plain("a", 0), plain("b", 1), plain("c", 2));
    TargetSnapshot snapshot =
        new TargetSnapshot(
            Map.of(
                new TargetKey("a", "a-model"), measured(null, null, 4),
                new TargetKey("b", "b-model"), measured(null, null, 1),
                new TargetKey("c", "c-model"), measured(null, null, 1)));

    assertThat(providers(router.plan(RouteRequest.of(route), snapshot))).containsExactly("b", "c", "a");
  }

  @ParameterizedTest
  @EnumSource(RoutingStrategy.class)
  void everyStrategySkipsTargetsWhoseBreakerIsOpen(RoutingStrategy strategy) {
    ResolvedRoute route = route(strategy, plain("a", 0), plain("b", 1), plain("c", 2));
    TargetSnapshot snapshot = new TargetSnapshot(Map.of(new TargetKey("b", "b-model"), open()));

    RoutingPlan plan = router.plan(RouteRequest.of(route), snapshot);

    assertThat(providers(plan)).containsExactlyInAnyOrder("a", "c");
    assertThat(plan.excluded())
        .extracting(e -> e.target().provider().id(), Exclusion::reason)
        .containsExactly(tuple("b", Exclusion.Reason.BREAKER_OPEN));
    assertThat(plan.hasBreakerExclusions()).isTrue();
  }

  @Test
  void providerOrderGoesFirstAndTheRestFollowAsFallbacks() {
    ResolvedRoute route = route(RoutingStrategy.FALLBACK, plain("a", 0), plain("b", 1), plain("c", 2));

    RoutingPlan plan = router.plan(request(route, prefs(List.of("c", "b"), List.of(), List.of(), true)), TargetSnapshot.empty());

    assertThat(providers(plan)).containsExactly("c", "b", "a");
  }

  @Test
  void withoutFallbacksOnlyTheOrderedProvidersAreTried() {
    ResolvedRoute route = route(RoutingStrategy.FALLBACK, plain("a", 0), plain("b", 1), plain("c", 2));

    RoutingPlan plan = router.plan(request(route, prefs(List.of("c"), List.of(), List.of(), false)), TargetSnapshot.empty());

    assertThat(providers(plan)).containsExactly("c");
    assertThat(plan.excluded()).extracting(Exclusion::reason).containsOnly(Exclusion.Reason.FALLBACKS_DISABLED);
  }

  @Test
  void withoutFallbacksOrOrderOnlyThePrimaryIsTriedEvenWhenItsBreakerIsOpen() {
    ResolvedRoute route = route(RoutingStrategy.FALLBACK, plain("a", 0), plain("b", 1));
    TargetSnapshot snapshot = new TargetSnapshot(Map.of(new TargetKey("a", "a-model"), open()));

    RoutingPlan plan = router.plan(request(route, prefs(List.of(), List.of(), List.of(), false)), snapshot);

    assertThat(plan.targets()).isEmpty();
    assertThat(plan.excluded())
        .extracting(e -> e.target().provider().id(), Exclusion::reason)
        .containsExactlyInAnyOrder(
            tuple("b", Exclusion.Reason.FALLBACKS_DISABLED), tuple("a", Exclusion.Reason.BREAKER_OPEN));
  }

  @Test
  void onlyAndIgnoreRestrictTheProviders() {
    ResolvedRoute route = route(RoutingStrategy.FALLBACK, plain("a", 0), plain("b", 1), plain("c", 2));

    RoutingPlan plan =
        router.plan(request(route, prefs(List.of(), List.of("a", "b"), List.of("a"), true)), TargetSnapshot.empty());

    assertThat(providers(plan)).containsExactly("b");
    assertThat(plan.excluded())
        .extracting(e -> e.target().provider().id(), Exclusion::reason)
        .containsExactly(
            tuple("a", Exclusion.Reason.IGNORED), tuple("c", Exclusion.Reason.NOT_ALLOWED));
  }

  @Test
  void maxPriceRefusesDearerAndUnknownPricedTargets() {
    ResolvedRoute route =
        route(
            RoutingStrategy.FALLBACK,
            target("dear", 0, 1, 3.0, 15.0),
            target("unknown", 1, 1, null, null),
            target("cheap", 2, 1, 0.1, 0.4));
    ProviderPreferences cap =
        new ProviderPreferences(List.of(), List.of(), List.of(), true, null, new PriceCap(1.0, 2.0), false, false);

    RoutingPlan plan = router.plan(request(route, cap), TargetSnapshot.empty());

    assertThat(providers(plan)).containsExactly("cheap");
    assertThat(plan.excluded())
        .extracting(e -> e.target().provider().id(), Exclusion::reason)
        .containsExactly(
            tuple("dear", Exclusion.Reason.OVER_MAX_PRICE), tuple("unknown", Exclusion.Reason.PRICE_UNKNOWN));
  }

  @Test
  void aTargetsOwnPriceCapRefusesItWhenTheCatalogPriceIsAbove() {
    ResolvedRoute route =
        route(
            RoutingStrategy.FALLBACK,
            target("capped", 0, 1, 3.0, 15.0, true, new PriceCap(null, 10.0)),
            target("unknown-capped", 1, 1, null, null, true, new PriceCap(1.0, 1.0)));

    RoutingPlan plan = router.plan(RouteRequest.of(route), TargetSnapshot.empty());

    assertThat(providers(plan)).containsExactly("unknown-capped");
    assertThat(plan.excluded()).extracting(Exclusion::reason).containsExactly(Exclusion.Reason.OVER_TARGET_CAP);
  }

  @Test
  void requireParametersKeepsOnlyTargetsKnownToSupportTools() {
    ResolvedRoute route =
        route(
            RoutingStrategy.FALLBACK,
            target("no-tools", 0, 1, 1.0, 1.0, false, PriceCap.none()),
            target("unknown", 1, 1, 1.0, 1.0, null, PriceCap.none()),
            target("tools", 2, 1, 1.0, 1.0, true, PriceCap.none()));
    ProviderPreferences require =
        new ProviderPreferences(List.of(), List.of(), List.of(), true, null, PriceCap.none(), true, false);

    RoutingPlan plan =
        router.plan(
            new RouteRequest(List.of(new RouteRequest.Candidate(route, null)), require, Set.of(Capability.TOOLS)),
            TargetSnapshot.empty());

    assertThat(providers(plan)).containsExactly("tools");
  }

  @Test
  void denyingDataCollectionKeepsOnlyProvidersDeclaredNotToCollect() {
    ResolvedTarget collects = plain("collects", 0);
    ResolvedTarget unknown = plain("unknown", 1);
    ResolvedTarget clean =
        new ResolvedTarget(
            "m", Targets.provider("clean", false), "clean-model", collects.catalogEntry(), 1, 2,
            PriceCap.none(), collects.timeouts());
    ResolvedTarget declared =
        new ResolvedTarget(
            "m", Targets.provider("collects", true), "collects-model", collects.catalogEntry(), 1, 0,
            PriceCap.none(), collects.timeouts());
    ProviderPreferences deny =
        new ProviderPreferences(List.of(), List.of(), List.of(), true, null, PriceCap.none(), false, true);

    RoutingPlan plan =
        router.plan(request(route(RoutingStrategy.FALLBACK, declared, unknown, clean), deny), TargetSnapshot.empty());

    assertThat(providers(plan)).containsExactly("clean");
  }

  @Test
  void fallbackModelsFollowThePrimaryModelAndASharedDeploymentIsTriedOnce() {
    ResolvedRoute primary = route(RoutingStrategy.FALLBACK, plain("a", 0), plain("b", 1));
    ResolvedRoute backup =
        new ResolvedRoute("backup", RoutingStrategy.FALLBACK, List.of(plain("b", 0), plain("c", 1)));
    RouteRequest request =
        new RouteRequest(
            List.of(new RouteRequest.Candidate(primary, null), new RouteRequest.Candidate(backup, null)),
            ProviderPreferences.none(),
            Set.of());

    assertThat(providers(router.plan(request, TargetSnapshot.empty()))).containsExactly("a", "b", "c");
  }

  @Test
  void aModelSuffixSortBeatsTheRequestSortWhichBeatsTheRouteStrategy() {
    ResolvedRoute route =
        route(
            RoutingStrategy.FALLBACK,
            target("dear", 0, 1, 3.0, 15.0),
            target("cheap", 1, 1, 0.1, 0.4));
    TargetSnapshot snapshot =
        new TargetSnapshot(
            Map.of(
                new TargetKey("dear", "dear-model"), measured(null, 200.0, 0),
                new TargetKey("cheap", "cheap-model"), measured(null, 20.0, 0)));
    ProviderPreferences byPrice =
        new ProviderPreferences(List.of(), List.of(), List.of(), true, RoutingStrategy.PRICE, PriceCap.none(), false, false);

    assertThat(providers(router.plan(RouteRequest.of(route), snapshot))).containsExactly("dear", "cheap");
    assertThat(providers(router.plan(request(route, byPrice), snapshot))).containsExactly("cheap", "dear");
    RouteRequest nitro =
        new RouteRequest(List.of(new RouteRequest.Candidate(route, RoutingStrategy.THROUGHPUT)), byPrice, Set.of());
    assertThat(providers(router.plan(nitro, snapshot))).containsExactly("dear", "cheap");
  }
}

package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingConfigTest {

  private static final String PROVIDERS =
      """
      providers:
        - { id: a, kind: openai-compatible, base_url: http://a.test/v1, collects_data: false }
        - { id: b, kind: openai-compatible, base_url: http://b.test/v1 }
      """;

  @Test
  void readsTargetWeightsPrioritiesCapsTimeoutsAndRouteStrategy() {
    SwitchboardConfig config =
        ConfigLoader.parse(
            PROVIDERS
                + """
                models:
                  - name: m
                    strategy: weighted
                    targets:
                      - provider: a
                        model: x
                        weight: 3
                        priority: 2
                        max_price: { prompt: 1.5, completion: 6 }
                        timeouts: { connect_ms: 100, first_byte_ms: 200, idle_ms: 300, total_ms: 400 }
                      - { provider: b, model: y }
                """);

    ModelRoute route = config.models().get(0);
    assertThat(route.strategy()).isEqualTo(RoutingStrategy.WEIGHTED);
    assertThat(route.targets().get(0))
        .isEqualTo(
            new RouteTarget(
                "a", "x", null, 3, 2, new PriceCap(1.5, 6.0),
                new TargetTimeouts(
                    Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300),
                    Duration.ofMillis(400))));
    assertThat(route.targets().get(1)).isEqualTo(new RouteTarget("b", "y", null));
    assertThat(config.providers().get(0).collectsData()).isFalse();
    assertThat(config.providers().get(1).collectsData()).isNull();
  }

  @Test
  void routeWithoutStrategyFallsBackInListOrderAndDefaultsApply() {
    SwitchboardConfig config =
        ConfigLoader.parse(PROVIDERS + "models: [ { name: m, targets: [ { provider: a, model: x } ] } ]\n");

    assertThat(config.models().get(0).strategy()).isEqualTo(RoutingStrategy.FALLBACK);
    assertThat(config.routing()).isEqualTo(RoutingConfig.defaults());
  }

  @Test
  void readsTheGlobalRoutingSection() {
    SwitchboardConfig config =
        ConfigLoader.parse(
            """
            routing:
              max_retries: 3
              backoff_base_ms: 50
              backoff_max_ms: 800
              max_retry_wait_ms: 0
              idle_timeout_ms: 15000
              total_timeout_ms: 90000
              breaker: { enabled: false, consecutive_failures: 2, failure_rate_percent: 80,
                         window: 10, min_calls: 4, cool_down_ms: 5000 }
            """);

    assertThat(config.routing())
        .isEqualTo(
            new RoutingConfig(
                3, Duration.ofMillis(50), Duration.ofMillis(800), Duration.ZERO,
                Duration.ofSeconds(15), Duration.ofSeconds(90),
                new BreakerConfig(false, 2, 80, 10, 4, Duration.ofSeconds(5))));
  }

  @Test
  void theDefaultsSpelledOutAsInTheReadmeAreTheDefaults() {
    SwitchboardConfig config =
        ConfigLoader.parse(
            """
            routing:
              max_retries: 2
              backoff_base_ms: 250
              backoff_max_ms: 4000
              max_retry_wait_ms: 10000
              idle_timeout_ms: 60000
              total_timeout_ms: 600000
              breaker: { enabled: true, consecutive_failures: 5, failure_rate_percent: 50, window: 20,
                         min_calls: 10, cool_down_ms: 30000 }
              catalog_routes: true
            """);

    assertThat(config.routing()).isEqualTo(RoutingConfig.defaults());
  }

  @Test
  void catalogRoutesAreOnByDefaultAndCanBeTurnedOff() {
    assertThat(ConfigLoader.parse(PROVIDERS).routing().catalogRoutes()).isTrue();
    SwitchboardConfig off = ConfigLoader.parse(PROVIDERS + "routing: { catalog_routes: false }\n");

    assertThat(off.routing().catalogRoutes()).isFalse();
    assertThat(off.routing()).isEqualTo(RoutingConfig.defaults().withCatalogRoutes(false));
  }

  @Test
  void catalogRoutesMustBeABoolean() {
    InvalidConfigException e =
        catchThrowableOfType(
            InvalidConfigException.class,
            () -> ConfigLoader.parse(PROVIDERS + "routing: { catalog_routes: maybe }\n"));

    assertThat(e.problems())
        .containsExactly(new ConfigProblem("routing.catalog_routes", "expected true or false"));
  }

  @Test
  void reportsEveryRoutingProblemWithItsPath() {
    InvalidConfigException e =
        catchThrowableOfType(
            InvalidConfigException.class,
            () ->
                ConfigLoader.parse(
                    PROVIDERS
                        + """
                        models:
                          - name: m
                            strategy: fastest
                            targets:
                              - provider: a
                                model: x
                                weight: 0
                                max_price: { prompt: -1, completion: cheap, cached: 1 }
                                timeouts: { first_byte_ms: 0, idle: 5 }
                        routing:
                          max_retries: 11
                          backoff_base_ms: 500
                          backoff_max_ms: 100
                          breaker: { failure_rate_percent: 101, window: 5, min_calls: 6 }
                        """));

    List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
    assertThat(problems)
        .containsExactlyInAnyOrder(
            "models[0].strategy: unknown strategy 'fastest' (allowed: fallback, weighted, price,"
                + " latency, throughput, least_inflight)",
            "models[0].targets[0].weight: must be > 0",
            "models[0].targets[0].max_price.cached: unknown key",
            "models[0].targets[0].max_price.prompt: must be a number >= 0",
            "models[0].targets[0].max_price.completion: expected a number",
            "models[0].targets[0].timeouts.idle: unknown key",
            "models[0].targets[0].timeouts.first_byte_ms: must be > 0",
            "routing.max_retries: must be 0..10",
            "routing.backoff_max_ms: must be >= backoff_base_ms (500)",
            "routing.breaker.failure_rate_percent: must be 1..100",
            "routing.breaker.min_calls: must be <= window (5)");
  }

  @Test
  void compatibleConstructorsKeepTheDefaults() {
    RouteTarget target = new RouteTarget("p", "m", null);
    assertThat(target.weight()).isEqualTo(1);
    assertThat(target.priority()).isNull();
    assertThat(target.maxPrice().isNone()).isTrue();
    assertThat(target.timeouts()).isEqualTo(TargetTimeouts.inherit());
    assertThat(new ModelRoute("m", List.of(target)).strategy()).isEqualTo(RoutingStrategy.FALLBACK);
    TargetTimeouts merged =
        new TargetTimeouts(null, Duration.ofSeconds(1), null, null)
            .orElse(new TargetTimeouts(
                Duration.ofSeconds(9), Duration.ofSeconds(9), Duration.ofSeconds(9), Duration.ofSeconds(9)));
    assertThat(merged)
        .isEqualTo(new TargetTimeouts(
            Duration.ofSeconds(9), Duration.ofSeconds(1), Duration.ofSeconds(9), Duration.ofSeconds(9)));
  }
}

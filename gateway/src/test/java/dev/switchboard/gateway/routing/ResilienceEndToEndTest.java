package dev.switchboard.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.gateway.routing.RoutingHarness.CHAT;
import static dev.switchboard.gateway.routing.RoutingHarness.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.switchboard.config.BreakerConfig;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.RoutingConfig;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.telemetry.ProviderAttempt;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks retries, Retry-After and circuit breakers through the real server with hand-moved
 * routing time: the dispatcher's waits are recorded, never slept, and breaker cool-downs pass when
 * the test says so.
 */
class ResilienceEndToEndTest {
  private static final String SOLO = "test/solo";
  private static final String PAIR = "test/pair";
  private static final TargetKey A = new TargetKey("a", "model-a");

  @TempDir Path dir;
  private RoutingHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private RoutingHarness start(RoutingConfig routing) {
    harness =
        RoutingHarness.builder(dir)
            .routing(routing)
            .manualTime()
            .route(new ModelRoute(SOLO, List.of(new RouteTarget("a", "model-a", null))))
            .route(
                new ModelRoute(
                    PAIR,
                    List.of(new RouteTarget("a", "model-a", null), new RouteTarget("b", "model-b", null))))
            .start();
    return harness;
  }

  private static RoutingConfig routing(int maxRetries, Duration maxWait, BreakerConfig breaker) {
    return new RoutingConfig(
        maxRetries, Duration.ofMillis(100), Duration.ofSeconds(1), maxWait,
        Duration.ofSeconds(30), Duration.ofMinutes(1), breaker);
  }

  private void stubRateLimitThenSuccess(String retryAfter) {
    harness.upstream("a").stubFor(post(urlEqualTo(CHAT)).inScenario("limited")
        .whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", retryAfter)
            .withHeader("Content-Type", "application/json")
            .withBody(GatewayHarness.fixture("openai-chat-error-429-tpm-request-too-large.json")))
        .willSetStateTo("recovered"));
    harness.upstream("a").stubFor(post(urlEqualTo(CHAT)).inScenario("limited")
        .whenScenarioStateIs("recovered")
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody(GatewayHarness.fixture(RoutingHarness.NONSTREAM_FIXTURE))));
  }

  @Test
  void aRateLimitedTargetIsRetriedExactlyAfterItsRetryAfter() {
    start(routing(2, Duration.ofSeconds(10), BreakerConfig.defaults()));
    stubRateLimitThenSuccess("2");

    HttpResponse<String> response = harness.chat(body(SOLO, false));

    assertThat(response.statusCode()).isEqualTo(200);
    // the backoff alone would be at most 100 ms; the Retry-After decides
    assertThat(harness.time().sleeps()).containsExactly(Duration.ofSeconds(2));
    assertThat(harness.calls("a")).isEqualTo(2);
    assertThat(harness.recordOf(response).providerAttempts())
        .extracting(ProviderAttempt::status, ProviderAttempt::errorType)
        .containsExactly(tuple(429, "http_error"), tuple(200, null));
  }

  @Test
  void aRetryAfterLongerThanTheLongestWaitIsPassedToTheClientAtOnce() {
    start(routing(2, Duration.ofSeconds(5), BreakerConfig.defaults()));
    stubRateLimitThenSuccess("30");

    HttpResponse<String> response = harness.chat(body(SOLO, false));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).hasValue("30");
    assertThat(harness.time().sleeps()).isEmpty();
    assertThat(harness.calls("a")).isEqualTo(1);
  }

  @Test
  void aRateLimitCoolsTheTargetDownForOtherRequestsAndTheyFallBackWithoutWaiting() {
    start(routing(2, Duration.ofSeconds(10), BreakerConfig.defaults()));
    stubRateLimitThenSuccess("20");
    harness.stubSuccess("b", false);

    HttpResponse<String> first = harness.chat(body(PAIR, false));
    HttpResponse<String> second = harness.chat(body(PAIR, false));

    assertThat(first.headers().firstValue("x-switchboard-provider")).hasValue("b");
    assertThat(second.headers().firstValue("x-switchboard-provider")).hasValue("b");
    assertThat(harness.time().sleeps()).isEmpty();
    assertThat(harness.calls("a")).as("a is cooling down for 20 s").isEqualTo(1);
    assertThat(harness.runtime().monitor().state(A).breaker()).isEqualTo(BreakerState.OPEN);

    harness.time().advance(Duration.ofSeconds(20));
    HttpResponse<String> third = harness.chat(body(PAIR, false));

    assertThat(third.headers().firstValue("x-switchboard-provider")).hasValue("a");
    assertThat(harness.runtime().monitor().state(A).breaker()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void serverErrorsAreRetriedWithFullJitterBackoffThatDoublesEachRound() {
    start(routing(3, Duration.ofSeconds(10), BreakerConfig.disabled()));
    harness.stub("a", aResponse().withStatus(503));

    HttpResponse<String> response = harness.chat(body(SOLO, false));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(harness.calls("a")).isEqualTo(4);
    List<Duration> sleeps = harness.time().sleeps();
    assertThat(sleeps).hasSize(3);
    assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
    assertThat(sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
    assertThat(sleeps.get(2)).isBetween(Duration.ZERO, Duration.ofMillis(400));
  }

  @Test
  void theBreakerOpensThenLetsOneProbeThroughAfterTheCoolDownAndClosesOnSuccess() {
    BreakerConfig breaker = new BreakerConfig(true, 2, 100, 20, 20, Duration.ofSeconds(30));
    start(routing(0, Duration.ZERO, breaker));
    harness.stub("a", aResponse().withStatus(500));
    harness.stubSuccess("b", false);

    for (int i = 0; i < 2; i++) {
      HttpResponse<String> response = harness.chat(body(PAIR, false));
      assertThat(response.headers().firstValue("x-switchboard-provider")).hasValue("b");
    }
    assertThat(harness.runtime().monitor().state(A).breaker()).isEqualTo(BreakerState.OPEN);

    HttpResponse<String> whileOpen = harness.chat(body(PAIR, false));
    assertThat(whileOpen.statusCode()).isEqualTo(200);
    assertThat(harness.calls("a")).as("skipped while open").isEqualTo(2);
    assertThat(harness.recordOf(whileOpen).providerAttempts()).extracting(ProviderAttempt::provider).containsExactly("b");

    harness.time().advance(Duration.ofSeconds(29));
    harness.chat(body(PAIR, false));
    assertThat(harness.calls("a")).as("still cooling down").isEqualTo(2);

    harness.time().advance(Duration.ofSeconds(1));
    assertThat(harness.runtime().monitor().state(A).breaker()).isEqualTo(BreakerState.HALF_OPEN);
    harness.stubSuccess("a", false);
    HttpResponse<String> probe = harness.chat(body(PAIR, false));

    assertThat(probe.headers().firstValue("x-switchboard-provider")).hasValue("a");
    assertThat(harness.runtime().monitor().state(A).breaker()).isEqualTo(BreakerState.CLOSED);
    HttpResponse<String> after = harness.chat(body(PAIR, false));
    assertThat(after.headers().firstValue("x-switchboard-provider")).hasValue("a");
  }

  @Test
  void aFailedProbeReopensTheBreaker() {
    BreakerConfig breaker = new BreakerConfig(true, 1, 100, 20, 20, Duration.ofSeconds(30));
    start(routing(0, Duration.ZERO, breaker));
    harness.stub("a", aResponse().withStatus(502));
    harness.stubSuccess("b", false);
    harness.chat(body(PAIR, false));
    assertThat(harness.runtime().monitor().state(A).breaker()).isEqualTo(BreakerState.OPEN);

    harness.time().advance(Duration.ofSeconds(30));
    HttpResponse<String> probe = harness.chat(body(PAIR, false));

    assertThat(probe.statusCode()).isEqualTo(200);
    assertThat(harness.calls("a")).isEqualTo(2);
    assertThat(harness.runtime().monitor().state(A).breaker()).isEqualTo(BreakerState.OPEN);
  }

  @Test
  void whenEveryTargetIsOpenTheClientGets503WithWhenToComeBack() {
    BreakerConfig breaker = new BreakerConfig(true, 1, 100, 20, 20, Duration.ofSeconds(30));
    start(routing(1, Duration.ofSeconds(5), breaker));
    harness.stub("a", aResponse().withStatus(500));
    harness.chat(body(SOLO, false));
    int callsBefore = harness.calls("a");

    HttpResponse<String> response = harness.chat(body(SOLO, false));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(RoutingHarness.json(response.body()).get("error").get("code").asText()).isEqualTo("no_available_provider");
    assertThat(response.headers().firstValue("retry-after")).hasValue("30");
    assertThat(harness.calls("a")).isEqualTo(callsBefore);
  }
}

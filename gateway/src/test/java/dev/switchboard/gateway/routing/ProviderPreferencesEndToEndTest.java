package dev.switchboard.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.gateway.routing.RoutingHarness.body;
import static dev.switchboard.gateway.routing.RoutingHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.BreakerConfig;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.PriceCap;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.RoutingConfig;
import dev.switchboard.config.RoutingStrategy;
import dev.switchboard.config.TargetTimeouts;
import dev.switchboard.gateway.GatewayHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks OpenRouter's routing fields through the real server: provider order, only, ignore,
 * allow_fallbacks, sort, max_price, the :nitro and :floor suffixes, unknown provider names, and
 * weighted routing over many requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderPreferencesEndToEndTest {
  private static final String THREE = "p/three";

  @TempDir static Path dir;
  private RoutingHarness harness;

  @BeforeAll
  void start() {
    harness =
        RoutingHarness.builder(dir)
            .routing(RoutingConfig.defaults().withBreaker(BreakerConfig.disabled()))
            .seed(2026)
            .route(
                new ModelRoute(
                    THREE,
                    List.of(
                        // catalog prices per 1M in/out: a 2.5/10, b 0.15/0.6, c 0.4/1.6
                        new RouteTarget("a", "model-a", "openai/gpt-4o"),
                        new RouteTarget("b", "model-b", "openai/gpt-4o-mini"),
                        new RouteTarget("c", "model-c", "openai/gpt-4.1-mini"))))
            .route(
                new ModelRoute(
                    "p/weighted",
                    List.of(weighted("a", 3), weighted("b", 1)),
                    RoutingStrategy.WEIGHTED))
            .start();
    harness.stubSuccess("a", false);
    harness.stubSuccess("b", false);
    // b and c answer p/three's models after 300 ms; the weighted route's models at once
    for (String provider : List.of("b", "c")) {
      harness.upstream(provider).stubFor(
          post(urlEqualTo(RoutingHarness.CHAT))
              .withRequestBody(matchingJsonPath("$.model", equalTo("model-" + provider)))
              .atPriority(1)
              .willReturn(aResponse().withFixedDelay(300).withHeader("Content-Type", "application/json")
                  .withBody(GatewayHarness.fixture(RoutingHarness.NONSTREAM_FIXTURE))));
    }
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  private static RouteTarget weighted(String provider, int weight) {
    return new RouteTarget(
        provider, "w-" + provider, null, weight, null, PriceCap.none(), TargetTimeouts.inherit());
  }

  private String servedBy(String model, String extra) {
    HttpResponse<String> response = harness.chat(body(model, false, extra));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.headers().firstValue("x-switchboard-provider").orElseThrow();
  }

  @Test
  void providerOrderOnlyAndIgnoreChooseTheProvider() {
    assertThat(servedBy(THREE, "")).isEqualTo("a");
    assertThat(servedBy(THREE, ",\"provider\":{\"order\":[\"c\",\"b\"]}")).isEqualTo("c");
    assertThat(servedBy(THREE, ",\"provider\":{\"ignore\":[\"a\"]}")).isEqualTo("b");
    assertThat(servedBy(THREE, ",\"provider\":{\"only\":[\"c\"]}")).isEqualTo("c");
  }

  @Test
  void withoutFallbacksAFailingOrderedProviderIsTheAnswer() {
    harness.stub("a", aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"a is down\"}}"));
    int bBefore = harness.calls("b");
    int cBefore = harness.calls("c");
    try {
      HttpResponse<String> response =
          harness.chat(body(THREE, false, ",\"provider\":{\"order\":[\"a\"],\"allow_fallbacks\":false}"));

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(json(response.body()).get("error").get("message").asText()).isEqualTo("a is down");
      assertThat(harness.calls("b")).isEqualTo(bBefore);
      assertThat(harness.calls("c")).isEqualTo(cBefore);
      // with fallbacks allowed the same request is served by the next provider
      assertThat(servedBy(THREE, ",\"provider\":{\"order\":[\"a\"]}")).isEqualTo("b");
    } finally {
      harness.stubSuccess("a", false);
    }
  }

  @Test
  void priceSortMaxPriceAndTheFloorSuffixPreferCheapProviders() {
    assertThat(servedBy(THREE, ",\"provider\":{\"sort\":\"price\"}")).isEqualTo("b");
    assertThat(servedBy(THREE + ":floor", "")).isEqualTo("b");
    assertThat(servedBy(THREE, ",\"provider\":{\"max_price\":{\"prompt\":1,\"completion\":5}}")).isEqualTo("b");
    assertThat(servedBy(THREE, ",\"provider\":{\"order\":[\"a\",\"c\"],\"max_price\":{\"prompt\":1}}"))
        .isEqualTo("c");
  }

  @Test
  void theNitroSuffixAndLatencySortPreferTheMeasuredFastestProvider() {
    // measure every provider once; a answers at once, b and c after 300 ms
    for (String provider : List.of("a", "b", "c")) {
      assertThat(servedBy(THREE, ",\"provider\":{\"order\":[\"" + provider + "\"],\"allow_fallbacks\":false}"))
          .isEqualTo(provider);
    }
    assertThat(servedBy(THREE + ":nitro", ",\"provider\":{\"order\":[]}")).isEqualTo("a");
    assertThat(servedBy(THREE, ",\"provider\":{\"sort\":\"latency\",\"ignore\":[\"b\"]}")).isEqualTo("a");
    assertThat(servedBy(THREE + ":floor", "")).as("the suffix wins over measurements").isEqualTo("b");
  }

  @Test
  void unknownProviderNamesAreRefusedWithTheKnownOnes() {
    HttpResponse<String> response = harness.chat(body(THREE, false, ",\"provider\":{\"only\":[\"a\",\"acme\"]}"));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = json(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("unknown_provider");
    assertThat(error.get("param").asText()).isEqualTo("provider.only");
    assertThat(error.get("message").asText()).contains("'acme'").contains("Known providers: a, b, c");
  }

  @Test
  void preferencesThatLeaveNoProviderAre404NamingWhy() {
    HttpResponse<String> response =
        harness.chat(body(THREE, false, ",\"provider\":{\"only\":[\"a\"],\"max_price\":{\"prompt\":1}}"));

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode error = json(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("no_allowed_providers");
    assertThat(error.get("message").asText()).contains("a (price above provider.max_price)");
    assertThat(harness.recordOf(response).attempts()).isZero();
  }

  @Test
  void weightedRoutingSplitsTrafficByWeight() {
    int before = harness.calls("b");
    int requests = 400;
    for (int i = 0; i < requests; i++) {
      harness.chat(body("p/weighted", false));
    }
    double shareOfB = (harness.calls("b") - before) / (double) requests;

    // weights 3:1 give b a quarter; 400 draws keep it within about 3 standard deviations
    assertThat(shareOfB).isBetween(0.19, 0.31);
  }
}

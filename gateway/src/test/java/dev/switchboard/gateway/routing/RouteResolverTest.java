package dev.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.RoutingStrategy;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TelemetryConfig;
import dev.switchboard.config.catalog.ModelCatalog;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.ChatRequestParser;
import dev.switchboard.gateway.api.RoutingFieldsParser;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteResolverTest {
  private final ModelRouter routes =
      ModelRouter.from(
          new SwitchboardConfig(
              ServerConfig.defaults(),
              List.of(Targets.provider("a", null), Targets.provider("b", null)),
              List.of(
                  new ModelRoute("m1", List.of(new RouteTarget("a", "x", null)), RoutingStrategy.LATENCY),
                  new ModelRoute("m2", List.of(new RouteTarget("b", "y", null)))),
              TelemetryConfig.defaults()),
          ModelCatalog.of(List.of()));
  private final RouteResolver resolver = new RouteResolver(routes, Set.of("b", "a"));

  private RouteRequest resolve(String json) {
    ChatRequest request = ChatRequestParser.parse(Buffer.buffer(json));
    return resolver.resolve(request, RoutingFieldsParser.parse(request));
  }

  @Test
  void resolvesEveryRequestedModelWithItsSuffixSortAndTheNeededCapabilities() {
    RouteRequest route =
        resolve(
            "{\"model\":\"m1:floor\",\"models\":[\"m2\"],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(route.candidates())
        .extracting(c -> c.route().name(), RouteRequest.Candidate::sort)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("m1", RoutingStrategy.PRICE),
            org.assertj.core.groups.Tuple.tuple("m2", null));
    assertThat(route.candidates().get(0).route().strategy()).isEqualTo(RoutingStrategy.LATENCY);
    assertThat(route.required()).containsExactly(Capability.TOOLS);
    // timeouts are completed from the server defaults
    assertThat(route.candidates().get(0).route().targets().get(0).timeouts().firstByte())
        .isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void anUnknownFallbackModelIs404() {
    ApiErrorException e =
        catchThrowableOfType(
            ApiErrorException.class,
            () -> resolve("{\"model\":\"m1\",\"models\":[\"nope\"],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));

    assertThat(e.error().status()).isEqualTo(404);
    assertThat(e.error().message()).contains("nope");
  }

  @Test
  void anUnknownProviderIs400ListingTheKnownOnesInOrder() {
    ApiErrorException e =
        catchThrowableOfType(
            ApiErrorException.class,
            () -> resolve("{\"model\":\"m1\",\"provider\":{\"ignore\":[\"zz\"]},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));

    assertThat(e.error().status()).isEqualTo(400);
    assertThat(e.error().param()).isEqualTo("provider.ignore");
    assertThat(e.error().message()).endsWith("Known providers: a, b.");
  }
}

package dev.switchboard.gateway.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.ObservabilityConfig;
import dev.switchboard.config.OtlpConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TelemetryConfig;
import dev.switchboard.gateway.Gateway;
import dev.switchboard.gateway.GatewayHarness;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks tracing's edges through a real gateway: off by default (nothing forwarded upstream),
 * export headers sent to the collector, and a missing header variable failing startup by its path.
 */
class TracingConfigEndToEndTest {
  private static final String BODY =
      "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @TempDir Path dir;

  @Test
  void withTracingOffNothingIsTracedOrForwarded() {
    try (GatewayHarness harness = new GatewayHarness(dir)) {
      stubUpstream(harness);

      HttpResponse<String> response = harness.post("/v1/chat/completions", BODY,
          "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(harness.gateway().tracing().enabled()).isFalse();
      // the client's traceparent is not passed through either: only a span of ours would be
      harness.upstream().verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("traceparent", absent()));
    }
  }

  @Test
  void exportsCarryTheConfiguredHeaders() {
    try (OtlpReceiver receiver = new OtlpReceiver();
        GatewayHarness harness = new GatewayHarness(dir, config -> config.withObservability(new ObservabilityConfig(
            new OtlpConfig(receiver.endpoint(), Map.of("x-tenant", SecretRef.parse("acme")), 1.0, false,
                Duration.ofMinutes(1)), false)), Clock.systemUTC())) {
      stubUpstream(harness);

      assertThat(harness.post("/v1/chat/completions", BODY).statusCode()).isEqualTo(200);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (receiver.spans().size() < 2 && System.nanoTime() < deadline) {
        harness.gateway().tracing().flush();
      }
      assertThat(receiver.spans()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(receiver.lastHeader("x-tenant")).hasValue("acme");
    }
  }

  @Test
  void aHeaderNamingAnUnsetVariableFailsStartupWithItsPath() {
    SwitchboardConfig config =
        new SwitchboardConfig(
                new ServerConfig("127.0.0.1", 0, 1 << 16, Duration.ofSeconds(2), Duration.ofSeconds(2)),
                List.of(), List.of(),
                new TelemetryConfig(dir.resolve("usage.duckdb"), 10_000, 512, Duration.ofMillis(20)))
            .withObservability(new ObservabilityConfig(new OtlpConfig("http://127.0.0.1:9",
                Map.of("x-api-key", SecretRef.parse("${SWITCHBOARD_TEST_SURELY_UNSET_OTLP_KEY}")), 1.0, false,
                Duration.ofMinutes(1)), false));
    Vertx vertx = Vertx.vertx();
    try {
      ExecutionException failed = org.assertj.core.api.Assertions.catchThrowableOfType(
          ExecutionException.class,
          () -> Gateway.start(vertx, config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
              .get(30, TimeUnit.SECONDS));
      assertThat(failed.getCause())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("observability.otlp.headers.x-api-key: environment variable "
              + "SWITCHBOARD_TEST_SURELY_UNSET_OTLP_KEY is not set");
    } finally {
      vertx.close();
    }
  }

  private static void stubUpstream(GatewayHarness harness) {
    harness.upstream().stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody(GatewayHarness.fixture("ollama-v1-local-nonstream.json"))));
  }
}

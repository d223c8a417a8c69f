package dev.switchboard.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.RoutingConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TelemetryConfig;
import dev.switchboard.telemetry.UsageRecord;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Runs a real gateway on a random port in front of a WireMock upstream, with a DuckDB store in a
 * temporary directory, for end-to-end tests.
 */
public final class GatewayHarness implements AutoCloseable {
  public static final String UPSTREAM_KEY = "sk-upstream-secret-0123456789";
  public static final long MAX_BODY_BYTES = 64 * 1024;

  private final Vertx vertx = Vertx.vertx();
  private final WireMockServer upstream =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final SwitchboardConfig config;
  private final Clock clock;
  private Gateway gateway;

  /**
   * Adds providers and routes to the harness's own.
   *
   * @param providers providers to add (ids must not clash with mock, dead, unset)
   * @param models routes to add
   */
  public record Extra(List<ProviderConfig> providers, List<ModelRoute> models) {}

  /** Starts WireMock and a gateway routing the test models to it. */
  public GatewayHarness(Path storeDir) {
    this(GatewayHarness::config, storeDir, Clock.systemUTC());
  }

  /** Starts WireMock and a gateway with the config {@code configFor(upstreamPort, storePath)}. */
  public GatewayHarness(Path storeDir, BiFunction<Integer, Path, SwitchboardConfig> configFor) {
    // one attempt, no breakers, as for the harness's own config: these tests look at single answers
    this(
        (port, store) -> configFor.apply(port, store).withRouting(RoutingConfig.singleAttempt()),
        storeDir,
        Clock.systemUTC());
  }

  /**
   * Starts WireMock and a gateway whose test config is changed by {@code customize} (e.g. an auth
   * section), reading time from {@code clock}.
   */
  public GatewayHarness(Path storeDir, UnaryOperator<SwitchboardConfig> customize, Clock clock) {
    this((port, store) -> customize.apply(config(port, store)), storeDir, clock);
  }

  private GatewayHarness(
      BiFunction<Integer, Path, SwitchboardConfig> configFor, Path storeDir, Clock clock) {
    upstream.start();
    this.config = configFor.apply(upstream.port(), storeDir.resolve("usage.duckdb"));
    this.clock = clock;
    gateway = await(Gateway.start(vertx, config, clock).toCompletionStage().toCompletableFuture());
  }

  /** Stops the gateway and starts a new one on the same store file, as a process restart would. */
  public void restartGateway() {
    stopGateway();
    gateway = await(Gateway.start(vertx, config, clock).toCompletionStage().toCompletableFuture());
  }

  private void stopGateway() {
    try {
      gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts WireMock and a gateway routing the test models, plus {@code extra}'s, to it; {@code
   * extra} gets WireMock's root URL ({@code http://127.0.0.1:port}).
   */
  public GatewayHarness(Path storeDir, Function<String, Extra> extra) {
    this(
        (port, store) -> config(port, store, extra.apply("http://127.0.0.1:" + port)),
        storeDir,
        Clock.systemUTC());
  }

  private static SwitchboardConfig config(int upstreamPort, Path store) {
    return config(upstreamPort, store, new Extra(List.of(), List.of()));
  }

  private static SwitchboardConfig config(int upstreamPort, Path store, Extra extra) {
    ServerConfig server =
        new ServerConfig("127.0.0.1", 0, MAX_BODY_BYTES, Duration.ofSeconds(2), Duration.ofSeconds(2));
    ProviderConfig mock =
        new ProviderConfig(
            "mock",
            ProviderKind.OPENAI_COMPATIBLE,
            URI.create("http://127.0.0.1:" + upstreamPort + "/v1"),
            SecretRef.parse(UPSTREAM_KEY),
            Map.of());
    ProviderConfig dead =
        new ProviderConfig(
            "dead",
            ProviderKind.OPENAI_COMPATIBLE,
            URI.create("http://127.0.0.1:1/v1"),
            SecretRef.none(),
            Map.of());
    ProviderConfig unset =
        new ProviderConfig(
            "unset",
            ProviderKind.OPENAI,
            URI.create("http://127.0.0.1:" + upstreamPort + "/v1"),
            SecretRef.parse("${SWITCHBOARD_TEST_SURELY_UNSET_VAR}"),
            Map.of());
    List<ModelRoute> models =
        List.of(
            new ModelRoute("openai/gpt-4o-mini", List.of(new RouteTarget("mock", "gpt-4o-mini", null))),
            new ModelRoute("openai/o3-mini", List.of(new RouteTarget("mock", "o3-mini", null))),
            new ModelRoute("deepseek/deepseek-r1", List.of(new RouteTarget("mock", "deepseek-reasoner", null))),
            new ModelRoute("local/unlisted", List.of(new RouteTarget("mock", "my-finetune", null))),
            new ModelRoute("dead/model", List.of(new RouteTarget("dead", "x", null))),
            new ModelRoute("unset/model", List.of(new RouteTarget("unset", "gpt-4o", null))));
    TelemetryConfig telemetry = new TelemetryConfig(store, 10_000, 512, Duration.ofMillis(20));
    List<ProviderConfig> providers = new ArrayList<>(List.of(mock, dead, unset));
    providers.addAll(extra.providers());
    List<ModelRoute> routes = new ArrayList<>(models);
    routes.addAll(extra.models());
    // one attempt, no breakers: these tests look at single upstream answers; routing has its own
    return new SwitchboardConfig(server, providers, routes, telemetry)
        .withRouting(RoutingConfig.singleAttempt());
  }

  public WireMockServer upstream() {
    return upstream;
  }

  public Gateway gateway() {
    return gateway;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + gateway.port();
  }

  /** Posts {@code json} to {@code path} and returns the whole response. */
  public HttpResponse<String> post(String path, String json, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  /** Gets {@code path}. */
  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20)).GET().build());
  }

  /** Sends {@code method} to {@code path} with an optional JSON body and header name/value pairs. */
  public HttpResponse<String> request(String method, String path, String json, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .timeout(Duration.ofSeconds(20))
            .method(method, json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until the usage record {@code id} is in the store and returns it. */
  public UsageRecord awaitRecord(String id) {
    return awaitRecord(id, Duration.ofSeconds(10));
  }

  /** Waits up to {@code patience} until the usage record {@code id} is in the store and returns it. */
  public UsageRecord awaitRecord(String id, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<UsageRecord> record = gateway.store().findById(id);
      if (record.isPresent()) {
        return record.get();
      }
      sleep(20);
    }
    throw new AssertionError("usage record " + id + " was not written within " + patience.toSeconds() + " s");
  }

  /** Waits until the store holds {@code count} records. */
  public void awaitRecordCount(long count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (gateway.store().count() >= count) {
        return;
      }
      sleep(20);
    }
    throw new AssertionError("store did not reach " + count + " records; has " + gateway.store().count());
  }

  /** Reads a recorded fixture from the test classpath. */
  public static byte[] fixture(String name) {
    try (InputStream in = GatewayHarness.class.getResourceAsStream("/fixtures/openai-compatible/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("gateway did not start", e);
    }
  }

  @Override
  public void close() {
    try {
      stopGateway();
    } finally {
      vertx.close();
      upstream.stop();
    }
  }
}

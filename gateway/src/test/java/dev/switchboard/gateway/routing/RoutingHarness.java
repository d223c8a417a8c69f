package dev.switchboard.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ObservabilityConfig;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.RoutingConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.StateConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TelemetryConfig;
import dev.switchboard.gateway.Gateway;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.affinity.AffinityStores;
import dev.switchboard.telemetry.UsageRecord;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real gateway in front of three WireMock upstreams (providers {@code a}, {@code b},
 * {@code c}), with routes and routing settings chosen per test and, optionally, hand-moved time.
 */
final class RoutingHarness implements AutoCloseable {
  static final String CHAT = "/v1/chat/completions";
  static final String NONSTREAM_FIXTURE = "ollama-v1-local-nonstream.json";
  static final String STREAM_FIXTURE = "openai-chat-stream-text-usage.sse";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx = Vertx.vertx();
  private final Map<String, WireMockServer> upstreams = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ManualTime time;
  private final RoutingRuntime runtime;
  private final Gateway gateway;

  private RoutingHarness(Builder builder) {
    for (String name : List.of("a", "b", "c")) {
      WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
      server.start();
      upstreams.put(name, server);
    }
    List<ProviderConfig> providers = new ArrayList<>();
    upstreams.forEach((name, server) -> providers.add(provider(name, server.port())));
    builder.extraProviders.forEach((name, port) -> providers.add(provider(name, port)));
    ServerConfig server =
        new ServerConfig("127.0.0.1", 0, 1 << 20, Duration.ofSeconds(2), Duration.ofSeconds(5));
    TelemetryConfig telemetry =
        new TelemetryConfig(builder.dir.resolve("usage.duckdb"), 10_000, 512, Duration.ofMillis(20));
    SwitchboardConfig config =
        new SwitchboardConfig(server, providers, builder.routes, telemetry)
            .withRouting(builder.routing)
            .withState(builder.state)
            .withObservability(builder.observability);
    this.time = builder.manualTime ? new ManualTime() : null;
    Ticker ticker = time == null ? Ticker.system() : time;
    this.runtime =
        RoutingRuntime.create(
                builder.routing, ticker, time == null ? Sleeper.timers(vertx) : time, new Random(builder.seed))
            .withAffinity(AffinityStores.create(vertx, builder.routing.affinity(), builder.state, ticker::nanos));
    try {
      this.gateway =
          Gateway.start(vertx, config, Clock.systemUTC(), runtime)
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("gateway did not start", e);
    }
  }

  static Builder builder(Path dir) {
    return new Builder(dir);
  }

  private static ProviderConfig provider(String name, int port) {
    return new ProviderConfig(
        name,
        ProviderKind.OPENAI_COMPATIBLE,
        URI.create("http://127.0.0.1:" + port + "/v1"),
        SecretRef.parse("sk-" + name + "-secret"),
        Map.of());
  }

  WireMockServer upstream(String name) {
    return upstreams.get(name);
  }

  /** Answers every chat call to upstream {@code name} with {@code response}. */
  void stub(String name, ResponseDefinitionBuilder response) {
    upstream(name).stubFor(post(urlEqualTo(CHAT)).willReturn(response));
  }

  /** Answers upstream {@code name} with a recorded successful answer. */
  void stubSuccess(String name, boolean stream) {
    stub(
        name,
        aResponse()
            .withHeader("Content-Type", stream ? "text/event-stream" : "application/json")
            .withBody(GatewayHarness.fixture(stream ? STREAM_FIXTURE : NONSTREAM_FIXTURE)));
  }

  /** Returns how many chat calls upstream {@code name} received. */
  int calls(String name) {
    return upstream(name).countRequestsMatching(postRequestedFor(urlEqualTo(CHAT)).build()).getCount();
  }

  void resetUpstreams() {
    upstreams.values().forEach(WireMockServer::resetAll);
  }

  Gateway gateway() {
    return gateway;
  }

  ManualTime time() {
    return time;
  }

  RoutingRuntime runtime() {
    return runtime;
  }

  dev.switchboard.telemetry.store.UsageStore store() {
    return gateway.store();
  }

  dev.switchboard.telemetry.store.StateDatabase state() {
    return gateway.state();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + gateway.port();
  }

  int port() {
    return gateway.port();
  }

  HttpResponse<String> chat(String body) {
    return chat(body, new String[0]);
  }

  /** Posts a chat request with header name/value pairs. */
  HttpResponse<String> chat(String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl() + CHAT))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30)).GET().build());
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

  /** Waits until the usage record {@code id} is stored and returns it. */
  UsageRecord awaitRecord(String id) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Optional<UsageRecord> record = gateway.store().findById(id);
      if (record.isPresent()) {
        return record.get();
      }
      pause(20);
    }
    throw new AssertionError("usage record " + id + " was not written within 10 s");
  }

  /** Returns the record named by the response's x-request-id. */
  UsageRecord recordOf(HttpResponse<?> response) {
    return awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
  }

  static String body(String model, boolean stream) {
    return body(model, stream, "");
  }

  /** Returns a chat request body with {@code extra} JSON members appended. */
  static String body(String model, boolean stream, String extra) {
    return "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]"
        + extra + "}";
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the data events of an SSE body, without [DONE]. */
  static List<JsonNode> events(String sse) {
    List<JsonNode> events = new ArrayList<>();
    for (String event : sse.split("\n\n")) {
      if (event.startsWith("data: ") && !event.equals("data: [DONE]")) {
        events.add(json(event.substring(6)));
      }
    }
    return events;
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      if (gateway != null) {
        gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      vertx.close();
      upstreams.values().forEach(WireMockServer::stop);
    }
  }

  /** Collects what a test wants routed, then starts the harness. */
  static final class Builder {
    private final Path dir;
    private final List<ModelRoute> routes = new ArrayList<>();
    private final Map<String, Integer> extraProviders = new LinkedHashMap<>();
    private RoutingConfig routing = RoutingConfig.defaults();
    private StateConfig state = StateConfig.defaults();
    private ObservabilityConfig observability = ObservabilityConfig.defaults();
    private boolean manualTime;
    private long seed = 42;

    private Builder(Path dir) {
      this.dir = dir;
    }

    Builder route(ModelRoute route) {
      routes.add(route);
      return this;
    }

    Builder routing(RoutingConfig config) {
      this.routing = config;
      return this;
    }

    /** Adds a provider speaking to {@code port} on localhost (a tap or a dead socket). */
    Builder provider(String name, int port) {
      extraProviders.put(name, port);
      return this;
    }

    /** Shares state (session affinity) as {@code config} says, e.g. through Redis. */
    Builder state(StateConfig config) {
      this.state = config;
      return this;
    }

    /** Exports traces, pushes metrics and logs requests as {@code config} says. */
    Builder observability(ObservabilityConfig config) {
      this.observability = config;
      return this;
    }

    Builder manualTime() {
      this.manualTime = true;
      return this;
    }

    Builder seed(long value) {
      this.seed = value;
      return this;
    }

    RoutingHarness start() {
      return new RoutingHarness(this);
    }
  }
}

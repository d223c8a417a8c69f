package dev.switchboard.gateway.hostile;

import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.PriceCap;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.RoutingConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TargetTimeouts;
import dev.switchboard.config.TelemetryConfig;
import dev.switchboard.gateway.Gateway;
import dev.switchboard.gateway.hostile.HostileUpstream.Behaviour;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real gateway in front of one {@link HostileUpstream}: every behaviour is a provider in
 * OpenAI shape ({@code <behaviour>}) and one in Anthropic shape ({@code a-<behaviour>}); model
 * {@code h/<behaviour>} falls back to a good OpenAI target, {@code a/<behaviour>} to a good
 * Anthropic one, and {@code .../alone} has no fallback.
 */
final class HostileHarness implements AutoCloseable {
  static final long BODY_CAP = 1 << 20;
  static final int EVENT_CAP = 256 * 1024;
  /** Short limits, so the silent and chatty-but-empty streams end quickly. */
  static final TargetTimeouts LIMITS =
      new TargetTimeouts(null, Duration.ofMillis(1500), Duration.ofMillis(400), Duration.ofSeconds(20));

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Gateway gateway;

  HostileHarness(HostileUpstream upstream, Path dir) {
    List<ProviderConfig> providers = new ArrayList<>();
    List<ModelRoute> routes = new ArrayList<>();
    for (Behaviour b : Behaviour.values()) {
      String s = b.segment();
      providers.add(provider(s, ProviderKind.OPENAI_COMPATIBLE, upstream.openAiBase(b)));
      providers.add(provider("a-" + s, ProviderKind.ANTHROPIC, upstream.anthropicBase(b)));
      routes.add(route("h/" + s, s, "ok"));
      routes.add(route("h/" + s + "/alone", s, null));
      routes.add(route("a/" + s, "a-" + s, "a-ok"));
      routes.add(route("a/" + s + "/alone", "a-" + s, null));
    }
    ServerConfig server =
        new ServerConfig("127.0.0.1", 0, 1 << 20, Duration.ofSeconds(2), Duration.ofSeconds(20))
            .withUpstreamCaps(BODY_CAP, EVENT_CAP);
    TelemetryConfig telemetry =
        new TelemetryConfig(dir.resolve("usage.duckdb"), 10_000, 512, Duration.ofMillis(20));
    SwitchboardConfig config =
        new SwitchboardConfig(server, providers, routes, telemetry)
            .withRouting(RoutingConfig.singleAttempt());
    try {
      gateway =
          Gateway.start(vertx, config, Clock.systemUTC())
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("gateway did not start", e);
    }
  }

  private static ProviderConfig provider(String id, ProviderKind kind, String base) {
    return new ProviderConfig(id, kind, URI.create(base), SecretRef.parse("sk-hostile"), Map.of());
  }

  private static ModelRoute route(String name, String first, String fallback) {
    List<RouteTarget> targets = new ArrayList<>();
    targets.add(new RouteTarget(first, "m-" + first, null, 1, null, PriceCap.none(), LIMITS));
    if (fallback != null) {
      targets.add(new RouteTarget(fallback, "m-" + fallback, null));
    }
    return new ModelRoute(name, targets);
  }

  /** Posts a chat request for {@code model} to {@code /v1/chat/completions}. */
  HttpResponse<String> chat(String model, boolean stream) {
    return post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}");
  }

  /** Posts a Messages request for {@code model} to {@code /v1/messages}. */
  HttpResponse<String> messages(String model, boolean stream) {
    return post("/v1/messages", "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}");
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).GET().build());
  }

  private HttpResponse<String> post(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(base() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private String base() {
    return "http://127.0.0.1:" + gateway.port();
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

  /** Waits for the usage record named by the response's x-request-id. */
  UsageRecord recordOf(HttpResponse<?> response) {
    String id = response.headers().firstValue("x-request-id").orElseThrow();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Optional<UsageRecord> record = gateway.store().findById(id);
      if (record.isPresent()) {
        return record.get();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("usage record " + id + " was not written within 10 s");
  }

  @Override
  public void close() {
    try {
      gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      vertx.close();
    }
  }
}

package dev.switchboard.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.AuthConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.StaticKeyConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.UpstreamLimitConfig;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link GatewayHarness} in auth mode {@code keys} with an admin key, one static key from
 * config and a global limit on one upstream target, and speaks the admin and chat APIs for tests.
 */
public final class KeyedGateway implements AutoCloseable {
  public static final String ADMIN_KEY = "sb-admin-0123456789abcdef0123456789abcdef";
  public static final String STATIC_KEY = "sb-static-ci-key-0123456789abcdef0123456789";
  public static final String CHAT = "/v1/chat/completions";
  public static final ObjectMapper JSON = new ObjectMapper();
  /** The estimate of {@link #chatBody}: 44 characters / 4 + 2 messages x 4. */
  public static final long CHAT_BODY_ESTIMATE = 19;

  private final GatewayHarness harness;
  private final MutableClock clock;

  public KeyedGateway(Path storeDir) {
    this(storeDir, config -> config);
  }

  /** Starts the keyed gateway with its config further changed by {@code customize} (e.g. its store). */
  public KeyedGateway(Path storeDir, java.util.function.UnaryOperator<SwitchboardConfig> customize) {
    this.clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    this.harness = new GatewayHarness(storeDir, config -> customize.apply(config.withAuth(auth())), clock);
  }

  private static AuthConfig auth() {
    StaticKeyConfig ci =
        new StaticKeyConfig(
            "ci", SecretRef.parse(STATIC_KEY), "platform", "DE", List.of("openai/*"), null, null,
            null, null, false);
    // o3-mini's upstream is limited to 2 requests per minute for all callers together
    UpstreamLimitConfig o3 = new UpstreamLimitConfig("mock", "o3-mini", 2, null);
    return new AuthConfig(
        AuthConfig.AuthMode.KEYS, SecretRef.parse(ADMIN_KEY), List.of(ci), List.of(o3),
        Duration.ofDays(7));
  }

  public GatewayHarness harness() {
    return harness;
  }

  public MutableClock clock() {
    return clock;
  }

  public Clock clockView() {
    return clock;
  }

  /** Creates a key through the admin API and returns the 201 body (with the secret in "key"). */
  public JsonNode createKey(String json) {
    HttpResponse<String> response = admin("POST", "/v1/admin/keys", json);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return read(response.body());
  }

  /** Calls the admin API with the admin key. */
  public HttpResponse<String> admin(String method, String path, String json) {
    return harness.request(method, path, json, "Authorization", "Bearer " + ADMIN_KEY);
  }

  /** Posts a chat request with {@code secret} (none when null) and extra header pairs. */
  public HttpResponse<String> chat(String secret, String body, String... headers) {
    List<String> all = new ArrayList<>(List.of(headers));
    if (secret != null) {
      all.add("Authorization");
      all.add("Bearer " + secret);
    }
    return harness.post(CHAT, body, all.toArray(String[]::new));
  }

  /** Returns a small chat body for {@code model}. */
  public static String chatBody(String model, boolean stream) {
    String options = stream ? ",\"stream_options\":{\"include_usage\":true}" : "";
    return "{\"model\":\"" + model + "\",\"stream\":" + stream + options
        + ",\"user\":\"user-7\",\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},"
        + "{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}";
  }

  /** Makes the upstream answer every chat call with a recorded fixture. */
  public void stubUpstream(String fixture) {
    stubUpstream(fixture, Duration.ZERO);
  }

  /** Answers every chat request with {@code fixture} after {@code delay}. */
  public void stubUpstream(String fixture, Duration delay) {
    boolean stream = !fixture.endsWith(".json");
    harness.upstream().stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse()
        .withStatus(200)
        .withHeader("Content-Type", stream ? "text/event-stream" : "application/json")
        .withBody(GatewayHarness.fixture(fixture))
        .withFixedDelay((int) delay.toMillis())));
  }

  /** Returns the response id of a non-streamed or streamed answer. */
  public static String responseId(HttpResponse<String> response) {
    String body = response.body();
    if (body.startsWith("data: ")) {
      return read(body.substring(6, body.indexOf("\n\n"))).get("id").asText();
    }
    return read(body).get("id").asText();
  }

  /** Runs {@code calls} on as many threads, released together, and returns their results in order. */
  public static <T> List<T> inParallel(List<java.util.concurrent.Callable<T>> calls) throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(calls.size());
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    try {
      List<java.util.concurrent.Future<T>> futures = new ArrayList<>();
      for (java.util.concurrent.Callable<T> call : calls) {
        futures.add(pool.submit(() -> {
          go.await();
          return call.call();
        }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (java.util.concurrent.Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdown();
    }
  }

  public static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    harness.close();
  }
}

package dev.switchboard.gateway.cli;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.gateway.Gateway;
import dev.switchboard.gateway.demo.DemoModelProfile;
import dev.switchboard.gateway.demo.SimulatedUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Trains the JVM's start-up cache: runs a gateway with production settings (keys, limits, DuckDB
 * telemetry, classification) in front of a simulated upstream in a temporary folder and sends it
 * every kind of request for a few seconds, then exits. Run under JDK 25's
 * {@code -XX:AOTCacheOutput=FILE}, the JVM writes what it loaded, linked and profiled into FILE;
 * later starts with {@code -XX:AOTCache=FILE} skip that work ({@code bin/switchboard} does both).
 */
public final class TrainStartupCommand implements Subcommand {
  private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"(sk-[^\"]+)\"");
  private static final String ADMIN_KEY = "sk-train-admin-not-a-secret-0123456789";
  private static final String HELLO = "Hello there, how are you today? Write a short poem about the sea.";
  private static final int LANES = 16;

  private final PrintStream out;

  /** Returns the command reporting progress on stderr. */
  public TrainStartupCommand() {
    this(System.err);
  }

  /** Returns the command reporting progress on {@code out} (for tests). */
  public TrainStartupCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public String name() {
    return "train-startup";
  }

  @Override
  public List<String> usage() {
    return List.of(
        "train-startup [--seconds 10]",
        "  serves every kind of request to a simulated upstream for a few seconds, then exits; run it under",
        "  JDK 25 with -XX:AOTCacheOutput=FILE to record a start-up cache (bin/switchboard does this once)",
        "  --seconds  how long to send traffic (default 10)");
  }

  @Override
  public int run(List<String> args) throws Exception {
    long seconds = 10;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--seconds") && i + 1 < args.size()) {
        seconds = Long.parseLong(args.get(++i));
      } else {
        throw new IllegalArgumentException("unknown argument " + args.get(i));
      }
    }
    Path dir = Files.createTempDirectory("switchboard-train-");
    Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(
        Math.max(1, Runtime.getRuntime().availableProcessors())));
    // answers at once and never fails: the training measures the gateway's code paths, not waiting
    SimulatedUpstream upstream = new SimulatedUpstream(
        DemoModelProfile.defaults().stream().map(p -> p.instant().withFaults(DemoModelProfile.Faults.none())).toList());
    try {
      int upstreamPort = await(upstream.start(vertx, 0));
      SwitchboardConfig config = ConfigLoader.load(writeConfig(dir, upstreamPort));
      Gateway gateway = await(Gateway.start(vertx, config, Clock.systemUTC()));
      try {
        long served = drive(vertx, gateway.port(), Duration.ofSeconds(seconds));
        out.println("train-startup: " + served + " requests served");
      } finally {
        await(gateway.stop());
      }
      return 0;
    } finally {
      await(upstream.stop());
      await(vertx.close());
      deleteTree(dir);
    }
  }

  private static Path writeConfig(Path dir, int upstreamPort) throws IOException {
    Path file = dir.resolve("switchboard.yaml");
    String yaml = """
        server: { host: 127.0.0.1, port: %d }
        providers:
          - { id: sim, kind: openai-compatible, base_url: "http://127.0.0.1:%d/v1" }
        models:
          - name: openai/gpt-4o-mini
            targets: [ { provider: sim, model: gpt-4o-mini } ]
          - name: anthropic/claude-sonnet-4.5
            targets: [ { provider: sim, model: claude-sonnet-4.5 } ]
        telemetry: { store: "%s" }
        auth:
          mode: keys
          admin_key: "%s"
          upstream_limits:
            - { provider: sim, model: gpt-4o-mini, rpm: 100000000, tpm: 100000000000 }
        classifier: { enabled: true }
        """.formatted(freePort(), upstreamPort, dir.resolve("train.duckdb").toString().replace("\\", "/"), ADMIN_KEY);
    Files.writeString(file, yaml);
    return file;
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** One request of the training mix. */
  private record Call(HttpMethod method, String path, String key, String body) {}

  /** Sends the mix from {@link #LANES} concurrent lanes until {@code length} has passed; returns how many were answered. */
  private long drive(Vertx vertx, int port, Duration length) throws Exception {
    HttpClient http = vertx.createHttpClient(
        new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(LANES));
    try {
      String key = createKey(http);
      List<Call> calls = calls(key);
      AtomicLong served = new AtomicLong();
      long end = System.nanoTime() + length.toNanos();
      List<io.vertx.core.Future<Void>> lanes = new ArrayList<>();
      for (int lane = 0; lane < LANES; lane++) {
        lanes.add(lane(http, calls, lane, end, served));
      }
      await(io.vertx.core.Future.all(lanes));
      for (String path : List.of("/v1/stats/overview", "/v1/stats/categories", "/v1/stats", "/dashboard/", "/metrics", "/ready")) {
        await(send(http, new Call(HttpMethod.GET, path, ADMIN_KEY, null)));
      }
      return served.get();
    } finally {
      await(http.close());
    }
  }

  private static io.vertx.core.Future<Void> lane(HttpClient http, List<Call> calls, int i, long end, AtomicLong served) {
    if (System.nanoTime() >= end) {
      return io.vertx.core.Future.succeededFuture();
    }
    return send(http, calls.get(i % calls.size())).compose(answer -> {
      served.incrementAndGet();
      return lane(http, calls, i + LANES, end, served);
    });
  }

  private static io.vertx.core.Future<String> send(HttpClient http, Call call) {
    RequestOptions options = new RequestOptions().setMethod(call.method()).setURI(call.path())
        .putHeader("Authorization", "Bearer " + call.key())
        .putHeader("x-api-key", call.key())
        .putHeader("anthropic-version", "2023-06-01")
        .putHeader("Content-Type", "application/json");
    return http.request(options)
        .compose(r -> call.body() == null ? r.send() : r.send(call.body()))
        .compose(r -> r.body().map(b -> {
          if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(call.path() + " answered " + r.statusCode() + ": " + b);
          }
          return b.toString();
        }));
  }

  private static String createKey(HttpClient http) throws Exception {
    String body = "{\"name\":\"train\",\"owner\":\"train\",\"models\":[\"*\"],\"rpm\":100000000,"
        + "\"tpm\":100000000000,\"budget_usd_day\":1000000000}";
    String answer = await(send(http, new Call(HttpMethod.POST, "/v1/admin/keys", ADMIN_KEY, body)));
    Matcher m = KEY.matcher(answer);
    if (!m.find()) {
      throw new IllegalStateException("could not create a training key");
    }
    return m.group(1);
  }

  private static List<Call> calls(String key) {
    String chat = "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + HELLO + "\"}]";
    String tools = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
        + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]";
    String messages = "{\"model\":\"anthropic/claude-sonnet-4.5\",\"max_tokens\":256,\"messages\":[{\"role\":\"user\",\"content\":\""
        + HELLO + "\"}]";
    String responses = "{\"model\":\"openai/gpt-4o-mini\",\"input\":\"" + HELLO + "\"";
    List<Call> list = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      // the common case weighs most: plain chat, whole and streamed
      list.add(new Call(HttpMethod.POST, "/v1/chat/completions", key, chat + "}"));
      list.add(new Call(HttpMethod.POST, "/v1/chat/completions", key, chat + ",\"stream\":true}"));
    }
    list.add(new Call(HttpMethod.POST, "/v1/chat/completions", key,
        chat + tools + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));
    list.add(new Call(HttpMethod.POST, "/v1/messages", key, messages + "}"));
    list.add(new Call(HttpMethod.POST, "/v1/messages", key, messages + ",\"stream\":true}"));
    list.add(new Call(HttpMethod.POST, "/v1/responses", key, responses + "}"));
    list.add(new Call(HttpMethod.POST, "/v1/responses", key, responses + ",\"stream\":true}"));
    list.add(new Call(HttpMethod.GET, "/v1/models", key, null));
    return list;
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

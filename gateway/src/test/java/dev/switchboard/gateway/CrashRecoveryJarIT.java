package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.telemetry.store.DuckDbUsageStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the packaged gateway with SIGKILL while it serves load, restarts it on the same store and
 * journal, and checks that every request whose answer the client received in full has exactly one
 * record: the journal written before each answer's last byte is what makes that hold. With a gateway
 * key and a priced model it also checks that the key's spend after the restart is what its records
 * cost, to the micro-dollar, although the spend saved before the kill was behind.
 */
class CrashRecoveryJarIT {
  private static final int CLIENTS = 16;
  private static final int ANSWERS_BEFORE_KILL = 2000;
  private static final String ADMIN_KEY = "sb-admin-0123456789abcdef0123456789abcdef";
  private static final String CRASH_KEY = "sb-crash-key-0123456789abcdef0123456789abcd";
  private static final String CRASH_KEY_ID = "cfg_crash";
  private static final Pattern COST = Pattern.compile("\"cost\":([0-9.eE-]+)");
  private static final String COMPLETION =
      "{\"id\":\"up-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"mock-1\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello there, friend.\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}";
  private static final String STREAM =
      "data: {\"id\":\"up-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock-1\",\"choices\":[{\"index\":0,"
          + "\"delta\":{\"role\":\"assistant\",\"content\":\"Hello there,\"},\"finish_reason\":null}]}\n\n"
          + "data: {\"id\":\"up-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock-1\",\"choices\":[{\"index\":0,"
          + "\"delta\":{\"content\":\" friend.\"},\"finish_reason\":\"stop\"}]}\n\n"
          + "data: {\"id\":\"up-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock-1\",\"choices\":[],"
          + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}\n\n"
          + "data: [DONE]\n\n";

  @TempDir Path workDir;
  private Vertx vertx;
  private HttpServer upstream;

  @BeforeEach
  void startUpstream() throws Exception {
    vertx = Vertx.vertx();
    upstream = vertx.createHttpServer()
        .requestHandler(request -> request.body().onSuccess(body -> {
          boolean stream = body.toString().contains("\"stream\":true");
          request.response()
              .putHeader("Content-Type", stream ? "text/event-stream" : "application/json")
              .end(stream ? STREAM : COMPLETION);
        }))
        .listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopUpstream() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void killDashNineUnderLoadLosesNoAnsweredRequest() throws Exception {
    Path config = writeConfig(false);
    Set<String> answered = ConcurrentHashMap.newKeySet();

    Process first = start(config);
    String base = awaitListening(first);
    long sent = load(base, answered, new ConcurrentHashMap<>(), first, null, "mock/chat");
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

    Process second = start(config);
    awaitListening(second);
    Thread.sleep(2000); // the writer replays the journal first thing; a clean stop finishes it anyway
    second.destroy(); // SIGTERM: flushes and closes the store
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

    Map<String, Long> rows = new HashMap<>();
    long fromDrafts;
    try (DuckDbUsageStore store = DuckDbUsageStore.open(workDir.resolve("data").resolve("usage.duckdb"));
        Connection c = store.reader();
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT id, count(*) FROM usage_records GROUP BY id")) {
        while (rs.next()) {
          rows.put(rs.getString(1), rs.getLong(2));
        }
      }
      try (ResultSet rs = st.executeQuery(
          "SELECT count(*) FROM usage_records WHERE unclassified_reason = 'replayed'")) {
        rs.next();
        fromDrafts = rs.getLong(1);
      }
    }
    List<String> lost = new ArrayList<>();
    List<String> duplicated = new ArrayList<>();
    for (String id : answered) {
      Long n = rows.get(id);
      if (n == null) {
        lost.add(id);
      } else if (n > 1) {
        duplicated.add(id);
      }
    }
    long recorded = answered.size() - lost.size();
    System.out.printf(
        "kill -9 under load: sent %d, answered %d, recorded %d, lost %d, duplicated %d; rows %d"
            + " (requests cut by the kill included), rebuilt from drafts %d%n",
        sent, answered.size(), recorded, lost.size(), duplicated.size(), rows.size(), fromDrafts);

    assertThat(answered).hasSizeGreaterThan(50);
    assertThat(lost).isEmpty();
    assertThat(duplicated).isEmpty();
    assertThat(rows.values()).allMatch(n -> n == 1);
  }

  @Test
  void killDashNineUnderLoadLosesNoSpendOfAnAnsweredRequest() throws Exception {
    Path config = writeConfig(true);
    Set<String> answered = ConcurrentHashMap.newKeySet();
    Map<String, Double> answeredCost = new ConcurrentHashMap<>();

    Process first = start(config);
    String base = awaitListening(first);
    long sent = load(base, answered, answeredCost, first, CRASH_KEY, "openai/gpt-4o-mini");
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    double savedAtKill = savedDaySpend();
    double recordsAtKill = recordedCost();

    Process second = start(config);
    String restarted = awaitListening(second);
    HttpResponse<String> key = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(restarted + "/v1/admin/keys/" + CRASH_KEY_ID))
            .header("Authorization", "Bearer " + ADMIN_KEY).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    second.destroy(); // SIGTERM: saves the spend and closes the store
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
    double dayUsd = Double.parseDouble(field(key.body(), "day_usd"));
    double monthUsd = Double.parseDouble(field(key.body(), "month_usd"));

    double recorded = recordedCost();
    // every request has the same usage (12 + 5 tokens), so every answer that reports its cost
    // (the non-streamed ones) reports the same: the answered requests cost that many times it
    assertThat(answeredCost).isNotEmpty();
    assertThat(answeredCost.values().stream().distinct()).hasSize(1);
    double perRequest = answeredCost.values().iterator().next();
    double answeredUsd = perRequest * answered.size();
    System.out.printf(
        "kill -9 under load, key spend: sent %d, answered %d costing $%.9f ($%.9f each); at the kill saved $%.9f,"
            + " records $%.9f (records of cut requests included); after restart key spend day $%.9f"
            + " month $%.9f, saved $%.9f, records $%.9f%n",
        sent, answered.size(), answeredUsd, perRequest, savedAtKill, recordsAtKill, dayUsd, monthUsd,
        savedDaySpend(), recorded);

    assertThat(answered).hasSizeGreaterThan(50);
    // the records hold every answered request (and those the kill cut after their journal entry)
    assertThat(recorded).isGreaterThanOrEqualTo(answeredUsd - 1e-9);
    assertThat(recorded - answeredUsd).isLessThanOrEqualTo(CLIENTS * perRequest + 1e-9);
    // the key's spend, read from the restarted gateway and from its saved totals, is what they cost
    assertThat(dayUsd).isCloseTo(recorded, within(1e-9));
    assertThat(monthUsd).isCloseTo(recorded, within(1e-9));
    assertThat(savedDaySpend()).isCloseTo(recorded, within(1e-9));
  }

  private double savedDaySpend() throws Exception {
    return sum("SELECT coalesce(sum(spend_usd), 0) FROM key_spend WHERE period = 'day' AND key_id = '"
        + CRASH_KEY_ID + "'");
  }

  private double recordedCost() throws Exception {
    return sum("SELECT coalesce(sum(cost_usd), 0) FROM usage_records WHERE api_key_id = '" + CRASH_KEY_ID + "'");
  }

  private double sum(String sql) throws Exception {
    try (DuckDbUsageStore store = DuckDbUsageStore.open(workDir.resolve("data").resolve("usage.duckdb"));
        Connection c = store.reader();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getDouble(1);
    }
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":([0-9.eE-]+)").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return m.group(1);
  }

  /**
   * Sends requests for {@code model} from {@link #CLIENTS} threads (every other one streamed), with
   * gateway key {@code key} when not null, and kills the gateway with SIGKILL while they are in
   * flight, once {@link #ANSWERS_BEFORE_KILL} answers arrived (or after 20 s on a very busy
   * machine); collects the ids of answers received in full, and the cost each answer reports.
   * Returns how many requests were sent.
   */
  private long load(
      String base, Set<String> answered, Map<String, Double> costs, Process gateway, String key, String model)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicBoolean stop = new AtomicBoolean();
    long[] sent = new long[CLIENTS];
    CountDownLatch done = new CountDownLatch(CLIENTS);
    for (int t = 0; t < CLIENTS; t++) {
      int client = t;
      Thread thread = new Thread(() -> {
        try {
          for (long i = 0; !stop.get(); i++) {
            boolean stream = (i + client) % 2 == 0;
            String body = "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Why does my Rust borrow checker complain here?\"}]}";
            sent[client]++;
            try {
              HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(10))
                  .POST(HttpRequest.BodyPublishers.ofString(body));
              if (key != null) {
                request.header("Authorization", "Bearer " + key);
              }
              HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
              boolean complete = r.statusCode() == 200
                  && (stream ? r.body().endsWith("data: [DONE]\n\n") : r.body().endsWith("}"));
              if (complete) {
                String id = r.headers().firstValue("x-request-id").orElseThrow();
                answered.add(id);
                Matcher cost = COST.matcher(r.body());
                if (cost.find()) {
                  costs.put(id, Double.parseDouble(cost.group(1)));
                }
              }
            } catch (IOException e) {
              // cut by the kill: the client never received this answer
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      });
      thread.setDaemon(true);
      thread.start();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (answered.size() < ANSWERS_BEFORE_KILL && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    gateway.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
    gateway.waitFor(30, TimeUnit.SECONDS);
    stop.set(true);
    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    long total = 0;
    for (long n : sent) {
      total += n;
    }
    return total;
  }

  /** Writes the config; {@code keyed}: keys required, one static key with a budget. */
  private Path writeConfig(boolean keyed) throws IOException {
    Path config = workDir.resolve("switchboard.yaml");
    List<String> lines = new ArrayList<>(List.of(
        "server: { host: 127.0.0.1 }",
        "providers:",
        "  - id: mock",
        "    kind: openai-compatible",
        "    base_url: http://127.0.0.1:" + upstream.actualPort() + "/v1",
        "models:",
        "  - name: mock/chat",
        "    targets: [ { provider: mock, model: mock-1 } ]",
        "  - name: openai/gpt-4o-mini", // priced: the catalog knows gpt-4o-mini
        "    targets: [ { provider: mock, model: gpt-4o-mini } ]",
        "telemetry: { store: " + workDir.resolve("data").resolve("usage.duckdb") + " }"));
    if (keyed) {
      lines.addAll(List.of(
          "auth:",
          "  mode: keys",
          "  admin_key: \"" + ADMIN_KEY + "\"",
          "  keys:",
          "    - { name: crash, key: \"" + CRASH_KEY + "\", budget_usd_day: 1000, budget_usd_month: 10000 }"));
    }
    Files.writeString(config, String.join("\n", lines) + "\n");
    return config;
  }

  private Process start(Path config) throws IOException {
    return JarProcess.start(workDir, config);
  }

  private static String awaitListening(Process process) throws IOException {
    return JarProcess.awaitListening(process, "journal", "WARN", "ERROR");
  }
}

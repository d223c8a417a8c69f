package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telemetry.store.DuckDbUsageStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the packaged gateway with SIGKILL while it serves load, restarts it on the same store and
 * journal, and checks that every request whose answer the client received in full has exactly one
 * record: the journal written before each answer's last byte is what makes that hold.
 */
class CrashRecoveryJarIT {
  private static final int CLIENTS = 16;
  private static final int ANSWERS_BEFORE_KILL = 2000;
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
    Path config = writeConfig();
    Set<String> answered = ConcurrentHashMap.newKeySet();

    Process first = start(config);
    String base = awaitListening(first);
    long sent = load(base, answered, first);
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

  /**
   * Sends requests from {@link #CLIENTS} threads (every other one streamed) and kills the gateway
   * with SIGKILL while they are in flight, once {@link #ANSWERS_BEFORE_KILL} answers arrived (or
   * after 20 s on a very busy machine); collects the ids of answers received in full. Returns how
   * many requests were sent.
   */
  private long load(String base, Set<String> answered, Process gateway) throws Exception {
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
            String body = "{\"model\":\"mock/chat\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Why does my Rust borrow checker complain here?\"}]}";
            sent[client]++;
            try {
              HttpResponse<String> r = http.send(
                  HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                      .header("Content-Type", "application/json")
                      .timeout(Duration.ofSeconds(10))
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
              boolean complete = r.statusCode() == 200
                  && (stream ? r.body().endsWith("data: [DONE]\n\n") : r.body().endsWith("}"));
              if (complete) {
                r.headers().firstValue("x-request-id").ifPresent(answered::add);
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

  private Path writeConfig() throws IOException {
    return JarProcess.writeMockConfig(workDir, upstream.actualPort(), "{ host: 127.0.0.1 }");
  }

  private Process start(Path config) throws IOException {
    return JarProcess.start(workDir, config);
  }

  private static String awaitListening(Process process) throws IOException {
    return JarProcess.awaitListening(process, "journal", "WARN", "ERROR");
  }
}

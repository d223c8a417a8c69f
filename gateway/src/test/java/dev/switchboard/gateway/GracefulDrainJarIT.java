package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telemetry.store.DuckDbUsageStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends SIGTERM to the packaged gateway while 50 streamed answers are in flight, as a rolling
 * deploy does, and checks that it reports not ready at once, lets every stream finish, records
 * every request, and exits.
 */
class GracefulDrainJarIT {
  private static final int STREAMS = 50;
  private static final int CHUNKS = 12;
  private static final long CHUNK_GAP_MS = 250; // each stream lasts about 3 s upstream

  @TempDir Path workDir;
  private Vertx vertx;
  private HttpServer upstream;
  private final AtomicInteger upstreamStarted = new AtomicInteger();

  @BeforeEach
  void startSlowUpstream() throws Exception {
    vertx = Vertx.vertx();
    upstream = vertx.createHttpServer()
        .requestHandler(request -> request.body().onSuccess(body -> {
          upstreamStarted.incrementAndGet();
          HttpServerResponse response =
              request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
          sendChunk(response, 0);
        }))
        .listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private void sendChunk(HttpServerResponse response, int i) {
    if (i == CHUNKS) {
      response.end(
          "data: {\"id\":\"up-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock-1\","
              + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":12,\"total_tokens\":21}}\n\n"
              + "data: [DONE]\n\n");
      return;
    }
    String finish = i == CHUNKS - 1 ? "\"stop\"" : "null";
    response.write(
        "data: {\"id\":\"up-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock-1\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word" + i + " \"},\"finish_reason\":"
            + finish + "}]}\n\n");
    vertx.setTimer(CHUNK_GAP_MS, id -> sendChunk(response, i + 1));
  }

  @AfterEach
  void stopUpstream() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void sigtermDuringFiftyOpenStreamsLetsEveryOneFinish() throws Exception {
    Process gateway = start(writeConfig());
    String base = JarProcess.awaitListening(gateway, "drain", "WARN", "ERROR");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    assertThat(get(http, base + "/ready").statusCode()).isEqualTo(200);

    List<CompletableFuture<HttpResponse<String>>> streams = new ArrayList<>();
    for (int i = 0; i < STREAMS; i++) {
      String body = "{\"model\":\"mock/chat\",\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a long story, part " + i + ".\"}]}";
      streams.add(http.sendAsync(
          HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(60))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (upstreamStarted.get() < STREAMS && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(upstreamStarted.get()).as("streams open upstream before SIGTERM").isEqualTo(STREAMS);
    assertThat(streams).noneMatch(CompletableFuture::isDone);

    gateway.destroy(); // SIGTERM: the shutdown hook drains

    // during the drain delay the listener still accepts, and /ready says to stop sending here
    HttpResponse<String> ready = awaitNotReady(http, base);
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("\"status\":\"draining\"");

    Set<String> ids = new HashSet<>();
    for (CompletableFuture<HttpResponse<String>> stream : streams) {
      HttpResponse<String> answer = stream.get(60, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("word" + (CHUNKS - 1)).endsWith("data: [DONE]\n\n");
      ids.add(answer.headers().firstValue("x-request-id").orElseThrow());
    }
    assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).as("the gateway exits after draining").isTrue();
    assertThat(ids).hasSize(STREAMS);

    try (DuckDbUsageStore store = DuckDbUsageStore.open(workDir.resolve("data").resolve("usage.duckdb"));
        Connection c = store.reader();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT count(*), count(DISTINCT id), sum(completion_tokens) FROM usage_records")) {
      rs.next();
      assertThat(rs.getLong(1)).as("records").isEqualTo(STREAMS);
      assertThat(rs.getLong(2)).as("distinct ids").isEqualTo(STREAMS);
      assertThat(rs.getLong(3)).as("completion tokens of finished streams").isEqualTo(12L * STREAMS);
    }
  }

  private static HttpResponse<String> awaitNotReady(HttpClient http, String base) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      last = get(http, base + "/ready");
      if (last.statusCode() != 200) {
        return last;
      }
      Thread.sleep(20);
    }
    return last;
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Path writeConfig() throws IOException {
    return JarProcess.writeMockConfig(workDir, upstream.actualPort(), "{ host: 127.0.0.1, drain_delay_ms: 2000, drain_timeout_ms: 30000 }");
  }

  private Process start(Path config) throws IOException {
    return JarProcess.start(workDir, config);
  }
}

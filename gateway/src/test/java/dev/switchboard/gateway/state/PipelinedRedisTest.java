package dev.switchboard.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the pipelined Redis client against a real redis-server: thousands of commands in flight
 * at once over one connection, and a new connection after Redis restarts.
 */
class PipelinedRedisTest {
  @TempDir Path dir;
  private Vertx vertx;
  private RedisServer redis;
  private Redis client;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    redis = RedisServer.start(Files.createDirectories(dir.resolve("redis")));
    client = RedisConnection.client(vertx, redis.url());
  }

  @AfterEach
  void stop() throws Exception {
    client.close().await(5, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
    redis.close();
  }

  @Test
  void thousandsOfCommandsInFlightFromEventLoopsAndOtherThreadsShareOneConnection() throws Exception {
    int perCaller = 1_000;
    List<Future<Response>> replies = new ArrayList<>();
    // from this thread, and from two event loops
    for (int i = 0; i < perCaller; i++) {
      replies.add(client.send(Request.cmd(Command.INCR).arg("counter")));
    }
    for (int loop = 0; loop < 2; loop++) {
      CompletableFuture<List<Future<Response>>> sent = new CompletableFuture<>();
      vertx.getOrCreateContext().runOnContext(v -> {
        List<Future<Response>> fromLoop = new ArrayList<>();
        for (int i = 0; i < perCaller; i++) {
          fromLoop.add(client.send(Request.cmd(Command.INCR).arg("counter")));
        }
        sent.complete(fromLoop);
      });
      replies.addAll(sent.get(5, TimeUnit.SECONDS));
    }

    Future.all(replies).await(20, TimeUnit.SECONDS);

    assertThat(replies).hasSize(3 * perCaller);
    assertThat(redis.command("GET", "counter")).isEqualTo("3000");
    // this test's probe and the client's one connection
    int clients = Integer.parseInt(redis.info("clients").replaceAll("(?s).*connected_clients:(\\d+).*", "$1"));
    assertThat(clients).isEqualTo(2);
  }

  @Test
  void aRestartedRedisIsReachedAgainOverANewConnection() throws Exception {
    assertThat(client.send(Request.cmd(Command.SET).arg("k").arg("before")).await(5, TimeUnit.SECONDS).toString())
        .isEqualTo("OK");

    redis = redis.restart();

    String answer = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (answer == null && System.nanoTime() < deadline) {
      try {
        answer = client.send(Request.cmd(Command.SET).arg("k").arg("after")).await(2, TimeUnit.SECONDS).toString();
      } catch (Exception e) {
        Thread.sleep(20); // the broken connection's commands fail until it is dropped
      }
    }
    assertThat(answer).isEqualTo("OK");
    assertThat(redis.command("GET", "k")).isEqualTo("after");
  }
}

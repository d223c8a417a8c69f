package dev.switchboard.gateway.auth;

import static dev.switchboard.gateway.KeyedGateway.chatBody;
import static dev.switchboard.gateway.KeyedGateway.read;
import static dev.switchboard.gateway.KeyedGateway.responseId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.StateConfig;
import dev.switchboard.gateway.KeyedGateway;
import dev.switchboard.gateway.PostgresServer;
import dev.switchboard.gateway.usage.StoredBodies;
import dev.switchboard.gateway.usage.StoredBody;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs two real gateways on one real PostgreSQL ({@code state.database}) and checks what they
 * share: keys created, changed and revoked on either, spend charged by both, stored bodies, and
 * how they behave while the database is down.
 */
class SharedKeysEndToEndTest {
  private static final String MINI = "openai/gpt-4o-mini";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PostgresServer server;

  @TempDir Path dirA;
  @TempDir Path dirB;

  @BeforeAll
  static void startServer() {
    server = PostgresServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void aKeyCreatedOnOneGatewayWorksOnTheOtherAndItsRevocationReachesItWithinTwoSeconds() throws Exception {
    String url = freshDatabase();
    try (KeyedGateway a = gateway(dirA, url); KeyedGateway b = gateway(dirB, url)) {
      JsonNode created = a.createKey("{\"name\":\"team\"}");
      String secret = created.get("key").asText();

      assertThat(b.chat(secret, chatBody(MINI, false)).statusCode()).isEqualTo(200);
      // B now holds the key in its cache: only the notification can tell it about the change
      HttpResponse<String> revoked = a.admin("DELETE", "/v1/admin/keys/" + created.get("id").asText(), null);
      assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
      long refusedAfterMs = msUntilStatus(b, secret, 401, 2_000);

      assertThat(refusedAfterMs).as("B refuses the revoked key within 2 s").isLessThan(2_000);
      assertThat(b.admin("GET", "/v1/admin/keys/" + created.get("id").asText(), null).body())
          .contains("\"revoked_at\"");
    }
  }

  @Test
  void spendOfBothGatewaysIsAddedUpAndBodiesAreStoredInTheDatabase() throws Exception {
    String url = freshDatabase();
    String db = url.substring(url.lastIndexOf('/') + 1);
    try (KeyedGateway a = gateway(dirA, url); KeyedGateway b = gateway(dirB, url)) {
      JsonNode created = a.createKey("{\"name\":\"team\",\"store_bodies\":true}");
      String secret = created.get("key").asText();
      String keyId = created.get("id").asText();

      double total = 0;
      String lastOnB = null;
      for (int i = 0; i < 3; i++) {
        String onA = responseId(a.chat(secret, chatBody(MINI, false)));
        lastOnB = responseId(b.chat(secret, chatBody(MINI, false)));
        total += a.harness().awaitRecord(onA).costUsd() + b.harness().awaitRecord(lastOnB).costUsd();
      }
      a.harness().gateway().access().flushSpend().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      b.harness().gateway().access().flushSpend().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThat(total).isPositive();
      assertThat(Double.parseDouble(server.sql(db,
              "SELECT spend_usd FROM key_spend WHERE key_id = '" + keyId + "' AND period = 'day'")))
          .isCloseTo(total, org.assertj.core.data.Offset.offset(1e-12));
      StoredBody body = StoredBodies.await(a.harness().gateway().access().bodies(), lastOnB);
      assertThat(body.apiKeyId()).isEqualTo(keyId);
      assertThat(read(body.responseJson()).get("id").asText()).isEqualTo(lastOnB);
      assertThat(server.sql(db, "SELECT count(*) FROM stored_bodies")).isEqualTo("6");
    }
  }

  @Test
  void whileTheDatabaseIsDownKnownKeysWorkUnknownOnesAndAdminWritesGet503() throws Exception {
    String url = freshDatabase();
    try (KeyedGateway a = gateway(dirA, url); KeyedGateway b = gateway(dirB, url)) {
      JsonNode created = a.createKey("{\"name\":\"known\"}");
      String known = created.get("key").asText();
      assertThat(a.chat(known, chatBody(MINI, false)).statusCode()).isEqualTo(200);
      assertThat(b.chat(known, chatBody(MINI, false)).statusCode()).isEqualTo(200);

      server.stopServer();
      HttpResponse<String> knownAnswer;
      HttpResponse<String> unknownAnswer;
      HttpResponse<String> unknownAnthropic;
      HttpResponse<String> adminCreate;
      try {
        knownAnswer = a.chat(known, chatBody(MINI, false));
        unknownAnswer = a.chat(KeySecret.generate(), chatBody(MINI, false));
        unknownAnthropic = a.harness().post("/v1/messages",
            "{\"model\":\"x\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "x-api-key", KeySecret.generate(), "anthropic-version", "2023-06-01");
        adminCreate = a.admin("POST", "/v1/admin/keys", "{\"name\":\"during outage\"}");
      } finally {
        server.startServer();
      }

      assertThat(knownAnswer.statusCode()).as(knownAnswer.body()).isEqualTo(200);
      assertThat(unknownAnswer.statusCode()).as(unknownAnswer.body()).isEqualTo(503);
      assertThat(read(unknownAnswer.body()).get("error").get("code").asText()).isEqualTo("key_store_unavailable");
      assertThat(unknownAnthropic.statusCode()).as(unknownAnthropic.body()).isEqualTo(503);
      assertThat(read(unknownAnthropic.body()).get("type").asText()).isEqualTo("error");
      assertThat(adminCreate.statusCode()).as(adminCreate.body()).isEqualTo(503);
      assertThat(read(adminCreate.body()).get("error").get("message").asText())
          .contains("the key store cannot be reached");
      assertThat(msUntilAdminCreates(a, 10_000)).as("admin writes work again once the database is back")
          .isLessThan(10_000);
      // B's change listener has reconnected: a revocation on A reaches it again
      assertThat(a.admin("DELETE", "/v1/admin/keys/" + created.get("id").asText(), null).statusCode())
          .isEqualTo(200);
      assertThat(msUntilStatus(b, known, 401, 2_000)).isLessThan(2_000);
    }
  }

  @Test
  void aKnownKeyOutlivesTheDatabaseByTheGraceAndNoLonger() throws Exception {
    String url = freshDatabase();
    Duration grace = Duration.ofSeconds(4);
    try (KeyedGateway a = gateway(dirA, url, grace)) {
      String known = a.createKey("{\"name\":\"known\"}").get("key").asText();
      long loaded = System.nanoTime();

      server.stopServer();
      int withinGrace;
      long refusedAfterMs;
      HttpResponse<String> afterGrace;
      try {
        withinGrace = a.chat(known, chatBody(MINI, false)).statusCode();
        assertThat(System.nanoTime() - loaded).as("still within the grace").isLessThan(grace.toNanos());
        refusedAfterMs = msUntilStatus(a, known, 503, 10_000);
        afterGrace = a.chat(known, chatBody(MINI, false));
      } finally {
        server.startServer();
      }

      assertThat(withinGrace).isEqualTo(200);
      assertThat(refusedAfterMs).isLessThan(10_000);
      assertThat(System.nanoTime() - loaded).isGreaterThanOrEqualTo(grace.toNanos());
      assertThat(read(afterGrace.body()).get("error").get("code").asText()).isEqualTo("key_store_unavailable");
    }
  }

  private static KeyedGateway gateway(Path dir, String url) {
    return gateway(dir, url, StateConfig.DEFAULT_CACHE_GRACE);
  }

  /** Starts a keyed gateway on the database at {@code url}, its upstream answering every chat. */
  private static KeyedGateway gateway(Path dir, String url, Duration grace) {
    KeyedGateway gateway = new KeyedGateway(dir, config -> config.withState(
        new StateConfig(config.state().redis(), SecretRef.parse(url), grace)));
    gateway.stubUpstream("openai-chat-nonstream-reasoning.json");
    return gateway;
  }

  /** Calls {@code gateway} until it answers {@code status}; returns how long that took (or the limit). */
  private static long msUntilStatus(KeyedGateway gateway, String secret, int status, long limitMs)
      throws InterruptedException {
    long start = System.nanoTime();
    while (true) {
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      if (gateway.chat(secret, chatBody(MINI, false)).statusCode() == status || elapsed >= limitMs) {
        return elapsed;
      }
      Thread.sleep(20);
    }
  }

  private static long msUntilAdminCreates(KeyedGateway gateway, long limitMs) throws InterruptedException {
    long start = System.nanoTime();
    while (true) {
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      if (gateway.admin("POST", "/v1/admin/keys", "{\"name\":\"after outage\"}").statusCode() == 201
          || elapsed >= limitMs) {
        return elapsed;
      }
      Thread.sleep(100);
    }
  }

  private static String freshDatabase() {
    String name = "sb_e2e_" + DATABASES.incrementAndGet();
    server.sql("CREATE DATABASE " + name);
    return server.url().substring(0, server.url().lastIndexOf('/') + 1) + name;
  }
}

package dev.switchboard.gateway.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.PostgresServer;
import dev.switchboard.gateway.auth.ApiKey;
import dev.switchboard.gateway.auth.KeyCachePolicy;
import dev.switchboard.gateway.auth.KeyDirectory;
import dev.switchboard.gateway.auth.KeySecret;
import dev.switchboard.gateway.auth.ModelPatterns;
import dev.switchboard.gateway.auth.SpendRow;
import dev.switchboard.gateway.auth.StoredKey;
import dev.switchboard.gateway.state.StoreUnavailableException;
import dev.switchboard.gateway.usage.StoredBodies;
import dev.switchboard.gateway.usage.StoredBody;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the PostgreSQL stores against a real throwaway cluster: each test in its own database. */
class PostgresStateTest {
  private static final LocalDate DAY = LocalDate.parse("2026-03-10");
  private static final LocalDate MONTH = LocalDate.parse("2026-03-01");
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final AtomicInteger KEYS = new AtomicInteger();
  private static PostgresServer server;
  private static Vertx vertx;

  @BeforeAll
  static void startServer() {
    server = PostgresServer.start();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopServer() {
    vertx.close();
    server.close();
  }

  @Test
  void keysAreInsertedFoundListedChangedAndRevoked() throws Exception {
    PostgresState state = open(freshDatabase());
    StoredKey stored = key("team-a");

    await(state.keyStore().insert(stored));
    Optional<StoredKey> byHash = await(state.keyStore().findByHash(stored.secretHash()));
    Optional<StoredKey> byId = await(state.keyStore().findById(stored.key().id()));
    Optional<ApiKey> revoked = await(state.keyStore().update(stored.key().id(),
        k -> k.edit().rpm(7).models(List.of("openai/*", "anthropic/claude-*")).build()))
        .map(StoredKey::key);

    assertThat(byHash).contains(stored);
    assertThat(byId).contains(stored);
    assertThat(revoked.orElseThrow().rpm()).isEqualTo(7);
    assertThat(await(state.keyStore().findById(stored.key().id())).orElseThrow().key().models().patterns())
        .containsExactly("openai/*", "anthropic/claude-*");
    assertThat(await(state.keyStore().update("no-such-id", k -> k))).isEmpty();
    assertThat(await(state.keyStore().findByHash("00".repeat(32)))).isEmpty();
    await(state.keyStore().insert(key("team-b")));
    assertThat(await(state.keyStore().list())).extracting(ApiKey::name).containsExactly("team-a", "team-b");
    await(state.close());
  }

  @Test
  void spendFromTwoGatewaysAddsUp() throws Exception {
    String url = freshDatabase();
    PostgresState a = open(url);
    PostgresState b = open(url);

    await(a.keyStore().saveSpend(() -> rows("k1", 0.25)));
    await(b.keyStore().saveSpend(() -> rows("k1", 0.5)));
    await(a.keyStore().saveSpend(() -> rows("k1", 0.125)));
    await(b.keyStore().saveSpend(() -> rows("k2", 1.0)));

    List<SpendRow> loaded = await(a.keyStore().loadSpend(DAY, MONTH));
    assertThat(loaded).containsExactlyInAnyOrder(
        new SpendRow("k1", SpendRow.DAY, DAY, 0.875), new SpendRow("k1", SpendRow.MONTH, MONTH, 0.875),
        new SpendRow("k2", SpendRow.DAY, DAY, 1.0), new SpendRow("k2", SpendRow.MONTH, MONTH, 1.0));
    await(a.close());
    await(b.close());
  }

  @Test
  void spendSavedWhileTheServerIsDownIsAddedWhenItIsBack() throws Exception {
    String url = freshDatabase();
    PostgresState state = open(url);
    await(state.keyStore().saveSpend(() -> rows("k1", 1.0)));

    server.stopServer();
    Throwable failed;
    try {
      failed = awaitFailure(state.keyStore().saveSpend(() -> rows("k1", 2.0)));
      assertThat(StoreUnavailableException.isCause(failed)).as(failed.toString()).isTrue();
      assertThat(StoreUnavailableException.isCause(awaitFailure(state.keyStore().findById("x")))).isTrue();
    } finally {
      server.startServer();
    }
    // the first save that reaches the server again carries what the failed one held
    await(retrying(() -> state.keyStore().saveSpend(List::of)));
    await(state.keyStore().saveSpend(() -> rows("k1", 4.0)));

    assertThat(await(state.keyStore().loadSpend(DAY, MONTH)))
        .contains(new SpendRow("k1", SpendRow.DAY, DAY, 7.0));
    await(state.close());
  }

  @Test
  void migrationsRunOnceWhenGatewaysStartTogetherAndAgain() throws Exception {
    String url = freshDatabase();
    List<Future<PostgresState>> starting = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      starting.add(PostgresState.open(vertx, url));
    }
    List<PostgresState> started = new ArrayList<>();
    for (Future<PostgresState> f : starting) {
      started.add(await(f));
    }
    PostgresState again = open(url);

    String db = url.substring(url.lastIndexOf('/') + 1);
    assertThat(server.sql(db, "SELECT string_agg(version::text, ',') FROM schema_version"))
        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, PostgresSchema.MIGRATIONS.size())
            .mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(",")));
    assertThat(server.sql(db, "SELECT count(*) FROM information_schema.tables WHERE table_name IN"
        + " ('api_keys', 'key_spend', 'stored_bodies')")).isEqualTo("3");
    started.add(again);
    for (PostgresState s : started) {
      await(s.close());
    }
  }

  @Test
  void aKeyWrittenByOneGatewayIsAnnouncedToTheOthers() throws Exception {
    String url = freshDatabase();
    PostgresState writer = open(url);
    PostgresState reader = open(url);
    List<String> announced = new CopyOnWriteArrayList<>();
    reader.keyStore().watch(announced::add, () -> {});
    StoredKey stored = key("team-a");

    await(writer.keyStore().insert(stored));
    await(writer.keyStore().update(stored.key().id(), k -> k.edit().enabled(false).build()));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (announced.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(announced).containsExactly(stored.secretHash(), stored.secretHash());
    await(writer.close());
    await(reader.close());
  }

  @Test
  void aCachedKeyChangedBehindTheGatewaysBackIsReReadAfterTheRefreshInterval() throws Exception {
    String url = freshDatabase();
    PostgresState state = open(url);
    // no watch(): only the refresh can notice a change made straight in the database
    KeyDirectory directory = new KeyDirectory(state.keyStore(), Clock.systemUTC(), null, List.of(),
        new KeyCachePolicy(Duration.ofMillis(200), Duration.ofMinutes(10)));
    String secret = await(directory.create(edit -> edit.name("team"))).secret();
    assertThat(directory.lookup(secret).get(10, TimeUnit.SECONDS)).isPresent();

    String db = url.substring(url.lastIndexOf('/') + 1);
    server.sql(db, "UPDATE api_keys SET revoked_at = now()");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Instant revokedAt = null;
    while (revokedAt == null && System.nanoTime() < deadline) {
      revokedAt = directory.lookup(secret).get(10, TimeUnit.SECONDS).orElseThrow().revokedAt();
      Thread.sleep(50);
    }

    assertThat(revokedAt).as("the revocation is seen after the refresh interval").isNotNull();
    await(state.close());
  }

  @Test
  void bodiesAreStoredReadAndDeletedAfterRetention() throws Exception {
    PostgresState state = open(freshDatabase());
    Instant old = Instant.parse("2026-03-01T10:00:00.123456Z");
    Instant fresh = Instant.parse("2026-03-09T10:00:00Z");
    StoredBody body = new StoredBody("chatcmpl-1", "key-1", old, "{\"q\":1}", "{\"a\":2}");
    await(state.bodyArchive().insert(body));
    await(state.bodyArchive().insert(body)); // a retry of the same request is ignored
    await(state.bodyArchive().insert(new StoredBody("chatcmpl-2", "key-1", fresh, "{}", "{}")));

    assertThat(StoredBodies.find(state.bodyArchive(), "chatcmpl-1")).contains(body);
    assertThat(await(state.bodyArchive().deleteOlderThan(Instant.parse("2026-03-05T00:00:00Z")))).isEqualTo(1);
    assertThat(StoredBodies.find(state.bodyArchive(), "chatcmpl-1")).isEmpty();
    assertThat(StoredBodies.find(state.bodyArchive(), "chatcmpl-2")).isPresent();
    await(state.close());
  }

  private static List<SpendRow> rows(String keyId, double usd) {
    return List.of(new SpendRow(keyId, SpendRow.DAY, DAY, usd), new SpendRow(keyId, SpendRow.MONTH, MONTH, usd));
  }

  private static StoredKey key(String name) {
    String secret = KeySecret.generate();
    Instant created = Instant.parse("2026-03-10T12:00:00.654321Z").truncatedTo(ChronoUnit.MICROS);
    ApiKey key = new ApiKey(KeySecret.newId(), name, "owner", "DE", ModelPatterns.any(), 60, 1000L, 5.0,
        null, null, true, true, created.plusSeconds(KEYS.incrementAndGet()), null, ApiKey.Source.API,
        KeySecret.hint(secret));
    return new StoredKey(KeySecret.hex(KeySecret.hash(secret)), key);
  }

  private static String freshDatabase() {
    String name = "sb_test_" + DATABASES.incrementAndGet();
    server.sql("CREATE DATABASE " + name);
    return server.url().substring(0, server.url().lastIndexOf('/') + 1) + name;
  }

  private static PostgresState open(String url) throws Exception {
    return await(PostgresState.open(vertx, url));
  }

  private static <T> Future<T> retrying(java.util.function.Supplier<Future<T>> call) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        Future<T> f = call.get();
        await(f);
        return f;
      } catch (Exception e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("still failing after 10 s", e);
        }
        Thread.sleep(100);
      }
    }
  }

  private static Throwable awaitFailure(Future<?> future) throws Exception {
    try {
      await(future);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }
}

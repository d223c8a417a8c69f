package dev.switchboard.gateway.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.gateway.PostgresServer;
import dev.switchboard.gateway.alerts.BudgetAlert;
import dev.switchboard.gateway.auth.ModelPatterns;
import dev.switchboard.gateway.auth.SpendRow;
import dev.switchboard.gateway.state.StoreUnavailableException;
import dev.switchboard.gateway.teams.KeyGovernance;
import dev.switchboard.gateway.teams.TagBudget;
import dev.switchboard.gateway.teams.Team;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the PostgreSQL team store and alert log against a real throwaway cluster: the schema
 * migrates from version 1 with its data kept, teams, key links (team admins too) and tag budgets
 * round-trip, a write on one gateway is announced to the others, and an alert is claimed once.
 */
class PostgresTeamStoreTest {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final Instant CREATED = Instant.parse("2026-03-10T08:00:00.123456Z");
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
  void aVersion1DatabaseMigratesToTheCurrentVersionKeepingItsKeysAndSpend() throws Exception {
    String url = freshDatabase();
    String db = url.substring(url.lastIndexOf('/') + 1);
    // the schema as the previous release left it: migration 1 only, with a key and its spend
    server.sql(db, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
    server.sql(db, PostgresSchema.MIGRATIONS.get(0));
    server.sql(db, "INSERT INTO schema_version (version) VALUES (1)");
    server.sql(db, "INSERT INTO api_keys (id, secret_hash, name, models, enabled, store_bodies, created_at)"
        + " VALUES ('key_old', 'hash-old', 'old', '{}', true, false, now())");
    server.sql(db, "INSERT INTO key_spend VALUES ('key_old', 'day', '2026-03-10', 1.25)");

    PostgresState state = await(PostgresState.open(vertx, url));

    assertThat(server.sql(db, "SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_version"))
        .isEqualTo("1,2");
    assertThat(await(state.keyStore().findById("key_old"))).hasValueSatisfying(
        k -> assertThat(k.secretHash()).isEqualTo("hash-old"));
    assertThat(await(state.keyStore().loadSpend(LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-01"))))
        .containsExactly(new SpendRow("key_old", "day", LocalDate.parse("2026-03-10"), 1.25));
    assertThat(state.teamStore().teams()).isEmpty();
    assertThat(state.alertLog().entries()).isEmpty();
    await(state.close());
  }

  @Test
  void teamsKeyLinksAndTagBudgetsRoundTripAndAreAnnouncedToTheOtherGateways() throws Exception {
    String url = freshDatabase();
    PostgresState writer = await(PostgresState.open(vertx, url));
    PostgresState reader = await(PostgresState.open(vertx, url));
    AtomicInteger announced = new AtomicInteger();
    reader.teamStore().watch(announced::incrementAndGet);
    Team org = new Team("acme", "Acme", null, List.of(), null, null, null, 100.0, 1000.0, null, null, CREATED, false);
    Team team = new Team("ml", "Machine learning", "acme", List.of("ann@example.com", "bob"),
        new ModelPatterns(List.of("openai/*")), 30, 50_000L, 5.0, null, 0.5, 0.25, CREATED, true);

    writer.teamStore().saveTeam(org);
    writer.teamStore().saveTeam(team);
    writer.teamStore().saveKeyGovernance(new KeyGovernance("key_a", "ml", 1.0, null, true));
    writer.teamStore().saveKeyGovernance(new KeyGovernance("key_b", "ml", null, null));
    writer.teamStore().saveTagBudget(new TagBudget("batch", null, 20.0, false));
    awaitAtLeast(announced, 5);

    assertThat(reader.teamStore().teams()).containsExactly(org, team);
    assertThat(reader.teamStore().keyGovernance()).containsExactlyInAnyOrder(
        new KeyGovernance("key_a", "ml", 1.0, null, true), new KeyGovernance("key_b", "ml", null, null, false));
    assertThat(reader.teamStore().tagBudgets()).containsExactly(new TagBudget("batch", null, 20.0, false));

    // replacing and deleting, as the admin API does
    writer.teamStore().saveTeam(new Team("ml", "ML", "acme", List.of(), null, null, null, null, null, null, null, CREATED, false));
    writer.teamStore().saveKeyGovernance(new KeyGovernance("key_b", null, null, null));
    writer.teamStore().deleteTagBudget("batch");
    writer.teamStore().saveKeyGovernance(new KeyGovernance("key_a", null, null, null));
    writer.teamStore().deleteTeam("ml");
    awaitAtLeast(announced, 10);
    assertThat(reader.teamStore().teams()).containsExactly(org);
    assertThat(reader.teamStore().keyGovernance()).isEmpty();
    assertThat(reader.teamStore().tagBudgets()).isEmpty();
    await(writer.close());
    await(reader.close());
  }

  @Test
  void anAlertIsClaimedByExactlyOneOfTheGatewaysAskingAtOnce() throws Exception {
    String url = freshDatabase();
    PostgresState one = await(PostgresState.open(vertx, url));
    PostgresState two = await(PostgresState.open(vertx, url));
    BudgetAlert alert = new BudgetAlert("team:ml", "team 'ml'", "day", LocalDate.parse("2026-03-10"), 80, 5.0, 4.1, false);

    List<Future<Boolean>> claims = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      PostgresState state = i % 2 == 0 ? one : two;
      claims.add(vertx.executeBlocking(() -> state.alertLog().claim(alert, CREATED), false));
    }
    long won = 0;
    for (Future<Boolean> claim : claims) {
      won += await(claim) ? 1 : 0;
    }
    two.alertLog().finish(alert, "delivered", 2, null);

    assertThat(won).isEqualTo(1);
    assertThat(one.alertLog().entries()).containsExactly("team:ml|day|2026-03-10|80=delivered/2");
    assertThat(one.alertLog().claim(
        new BudgetAlert("team:ml", "team 'ml'", "day", LocalDate.parse("2026-03-11"), 80, 5.0, 4.1, false), CREATED))
        .as("the next day's alert is a new one").isTrue();
    await(one.close());
    await(two.close());
  }

  @Test
  void writesFailAsUnavailableWhileTheServerIsDown() throws Exception {
    PostgresState state = await(PostgresState.open(vertx, freshDatabase()));
    server.stopServer();
    try {
      assertThatThrownBy(() -> state.teamStore().saveTeam(
              new Team("down", null, null, List.of(), null, null, null, null, null, null, null, CREATED, false)))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> state.alertLog().entries()).isInstanceOf(StoreUnavailableException.class);
    } finally {
      server.startServer();
    }
    await(state.close());
  }

  private static void awaitAtLeast(AtomicInteger count, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (count.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(count.get()).as("notifications received").isGreaterThanOrEqualTo(expected);
  }

  private static String freshDatabase() {
    String name = "sb_teams_" + DATABASES.incrementAndGet();
    server.sql("CREATE DATABASE " + name);
    return server.url().substring(0, server.url().lastIndexOf('/') + 1) + name;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }
}

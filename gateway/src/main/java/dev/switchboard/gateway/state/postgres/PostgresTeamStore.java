package dev.switchboard.gateway.state.postgres;

import dev.switchboard.gateway.auth.ModelPatterns;
import dev.switchboard.gateway.teams.KeyGovernance;
import dev.switchboard.gateway.teams.TagBudget;
import dev.switchboard.gateway.teams.Team;
import dev.switchboard.gateway.teams.TeamStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Keeps teams, key governance (team links and team admins) and tag budgets in PostgreSQL for
 * several gateways. Every write sends {@code NOTIFY} on {@link #CHANNEL} in its transaction, so the
 * other gateways re-read their in-memory copy as soon as it commits (and after a lost listener
 * connection comes back). The contract blocks: callers run on worker threads.
 */
final class PostgresTeamStore implements TeamStore {
  static final String CHANNEL = "switchboard_teams";
  private static final String TEAM_COLUMNS = "id, name, parent, members, models, rpm, tpm, budget_usd_day,"
      + " budget_usd_month, user_budget_usd_day, session_budget_usd, created_at, warn_only";

  private final Pool pool;
  private final KeyChangeListener listener;

  PostgresTeamStore(Pool pool, KeyChangeListener listener) {
    this.pool = pool;
    this.listener = listener;
  }

  @Override
  public List<Team> teams() {
    return PgBlocking.await(select("SELECT " + TEAM_COLUMNS + " FROM teams ORDER BY id", row -> new Team(
        row.getString("id"), row.getString("name"), row.getString("parent"), list(row.getArrayOfStrings("members")),
        new ModelPatterns(list(row.getArrayOfStrings("models"))), row.getInteger("rpm"), row.getLong("tpm"),
        row.getDouble("budget_usd_day"), row.getDouble("budget_usd_month"), row.getDouble("user_budget_usd_day"),
        row.getDouble("session_budget_usd"), PostgresKeyStore.instant(row.getOffsetDateTime("created_at")),
        row.getBoolean("warn_only"))), "list teams");
  }

  @Override
  public void saveTeam(Team t) {
    write("INSERT INTO teams (" + TEAM_COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
        + " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, parent = EXCLUDED.parent, members = EXCLUDED.members,"
        + " models = EXCLUDED.models, rpm = EXCLUDED.rpm, tpm = EXCLUDED.tpm, budget_usd_day = EXCLUDED.budget_usd_day,"
        + " budget_usd_month = EXCLUDED.budget_usd_month, user_budget_usd_day = EXCLUDED.user_budget_usd_day,"
        + " session_budget_usd = EXCLUDED.session_budget_usd, created_at = EXCLUDED.created_at,"
        + " warn_only = EXCLUDED.warn_only",
        Tuple.of(t.id(), t.name(), t.parent())
            .addArrayOfString(t.members().toArray(String[]::new))
            .addArrayOfString(t.models().patterns().toArray(String[]::new))
            .addInteger(t.rpm()).addLong(t.tpm()).addDouble(t.budgetUsdDay()).addDouble(t.budgetUsdMonth())
            .addDouble(t.userBudgetUsdDay()).addDouble(t.sessionBudgetUsd())
            .addOffsetDateTime(PostgresKeyStore.time(t.createdAt() == null ? java.time.Instant.EPOCH : t.createdAt()))
            .addBoolean(t.warnOnly()),
        "save team");
  }

  @Override
  public void deleteTeam(String id) {
    write("DELETE FROM teams WHERE id = $1", Tuple.of(id), "delete team");
  }

  @Override
  public List<KeyGovernance> keyGovernance() {
    return PgBlocking.await(select(
        "SELECT key_id, team, user_budget_usd_day, session_budget_usd, team_admin FROM key_governance",
        row -> new KeyGovernance(row.getString(0), row.getString(1), row.getDouble(2), row.getDouble(3),
            row.getBoolean(4))), "list key governance");
  }

  @Override
  public void saveKeyGovernance(KeyGovernance g) {
    if (g.empty()) {
      write("DELETE FROM key_governance WHERE key_id = $1", Tuple.of(g.keyId()), "save key governance");
      return;
    }
    write("INSERT INTO key_governance (key_id, team, user_budget_usd_day, session_budget_usd, team_admin)"
        + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key_id) DO UPDATE SET team = EXCLUDED.team,"
        + " user_budget_usd_day = EXCLUDED.user_budget_usd_day, session_budget_usd = EXCLUDED.session_budget_usd,"
        + " team_admin = EXCLUDED.team_admin",
        Tuple.of(g.keyId(), g.team(), g.userBudgetUsdDay(), g.sessionBudgetUsd(), g.teamAdmin()),
        "save key governance");
  }

  @Override
  public List<TagBudget> tagBudgets() {
    return PgBlocking.await(select(
        "SELECT tag, budget_usd_day, budget_usd_month, warn_only FROM tag_budgets ORDER BY tag",
        row -> new TagBudget(row.getString(0), row.getDouble(1), row.getDouble(2), row.getBoolean(3))),
        "list tag budgets");
  }

  @Override
  public void saveTagBudget(TagBudget b) {
    write("INSERT INTO tag_budgets (tag, budget_usd_day, budget_usd_month, warn_only) VALUES ($1, $2, $3, $4)"
        + " ON CONFLICT (tag) DO UPDATE SET budget_usd_day = EXCLUDED.budget_usd_day,"
        + " budget_usd_month = EXCLUDED.budget_usd_month, warn_only = EXCLUDED.warn_only",
        Tuple.of(b.tag(), b.budgetUsdDay(), b.budgetUsdMonth(), b.warnOnly()), "save tag budget");
  }

  @Override
  public void deleteTagBudget(String tag) {
    write("DELETE FROM tag_budgets WHERE tag = $1", Tuple.of(tag), "delete tag budget");
  }

  @Override
  public void watch(Runnable changed) {
    listener.watchTeams(changed);
  }

  private <T> Future<List<T>> select(String sql, Function<Row, T> read) {
    return pool.query(sql).execute().map(rows -> {
      List<T> all = new ArrayList<>();
      rows.forEach(row -> all.add(read.apply(row)));
      return all;
    });
  }

  private void write(String sql, Tuple values, String what) {
    PgBlocking.await(pool.withTransaction(c -> c.preparedQuery(sql).execute(values)
        // delivered to every listener (this gateway's too) when, and only if, the change commits
        .compose(r -> c.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, "changed")))),
        what);
  }

  private static List<String> list(String[] values) {
    return values == null ? List.of() : Arrays.asList(values);
  }
}

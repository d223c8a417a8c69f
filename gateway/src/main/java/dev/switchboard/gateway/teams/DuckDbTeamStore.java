package dev.switchboard.gateway.teams;

import dev.switchboard.gateway.auth.ModelPatterns;
import dev.switchboard.telemetry.store.StateDatabase;
import dev.switchboard.telemetry.store.UsageStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps teams ({@code teams}), key governance ({@code key_governance}) and tag budgets ({@code
 * tag_budgets}) in the gateway's state database, beside the keys. Writes are serialized on this
 * object because DuckDB refuses concurrent updates of one row from two connections.
 */
public final class DuckDbTeamStore implements TeamStore {
  private static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS teams (
        id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        parent VARCHAR,
        members VARCHAR,
        models VARCHAR,
        rpm INTEGER,
        tpm BIGINT,
        budget_usd_day DOUBLE,
        budget_usd_month DOUBLE,
        user_budget_usd_day DOUBLE,
        session_budget_usd DOUBLE,
        created_at TIMESTAMP NOT NULL,
        warn_only BOOLEAN NOT NULL
      );
      CREATE TABLE IF NOT EXISTS key_governance (
        key_id VARCHAR PRIMARY KEY,
        team VARCHAR,
        user_budget_usd_day DOUBLE,
        session_budget_usd DOUBLE
      );
      CREATE TABLE IF NOT EXISTS tag_budgets (
        tag VARCHAR PRIMARY KEY,
        budget_usd_day DOUBLE,
        budget_usd_month DOUBLE,
        warn_only BOOLEAN NOT NULL
      );
      ALTER TABLE key_governance ADD COLUMN IF NOT EXISTS team_admin BOOLEAN DEFAULT false;
      """;
  // members and model patterns never contain line breaks (validated), so one separates them
  private static final String SEPARATOR = "\n";

  private final StateDatabase store;

  private DuckDbTeamStore(StateDatabase store) {
    this.store = store;
  }

  /** Creates the tables if missing and returns the store. */
  public static DuckDbTeamStore open(StateDatabase store) {
    try (Connection c = store.reader();
        Statement s = c.createStatement()) {
      s.execute(SCHEMA);
    } catch (SQLException e) {
      throw new UsageStoreException("cannot create team tables", e);
    }
    return new DuckDbTeamStore(store);
  }

  @Override
  public List<Team> teams() {
    List<Team> teams = new ArrayList<>();
    String sql =
        "SELECT id, name, parent, members, models, rpm, tpm, budget_usd_day, budget_usd_month,"
            + " user_budget_usd_day, session_budget_usd, epoch_us(created_at), warn_only FROM teams ORDER BY id";
    try (Connection c = store.reader();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Long rpm = number(rs, 6) == null ? null : rs.getLong(6);
        teams.add(new Team(
            rs.getString(1), rs.getString(2), rs.getString(3), split(rs.getString(4)),
            new ModelPatterns(split(rs.getString(5))), rpm == null ? null : rpm.intValue(),
            number(rs, 7) == null ? null : rs.getLong(7), number(rs, 8), number(rs, 9),
            number(rs, 10), number(rs, 11), Instant.EPOCH.plusNanos(rs.getLong(12) * 1_000L),
            rs.getBoolean(13)));
      }
    } catch (SQLException e) {
      throw new UsageStoreException("cannot list teams", e);
    }
    return teams;
  }

  @Override
  public synchronized void saveTeam(Team t) {
    update(
        "INSERT OR REPLACE INTO teams VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, make_timestamp(?), ?)",
        t.id(), t.name(), t.parent(), String.join(SEPARATOR, t.members()),
        String.join(SEPARATOR, t.models().patterns()), t.rpm(), t.tpm(), t.budgetUsdDay(),
        t.budgetUsdMonth(), t.userBudgetUsdDay(), t.sessionBudgetUsd(),
        t.createdAt() == null ? 0L : t.createdAt().getEpochSecond() * 1_000_000L + t.createdAt().getNano() / 1_000,
        t.warnOnly());
  }

  @Override
  public synchronized void deleteTeam(String id) {
    update("DELETE FROM teams WHERE id = ?", id);
  }

  @Override
  public List<KeyGovernance> keyGovernance() {
    List<KeyGovernance> rows = new ArrayList<>();
    String sql = "SELECT key_id, team, user_budget_usd_day, session_budget_usd, coalesce(team_admin, false)"
        + " FROM key_governance";
    try (Connection c = store.reader();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(new KeyGovernance(
            rs.getString(1), rs.getString(2), number(rs, 3), number(rs, 4), rs.getBoolean(5)));
      }
    } catch (SQLException e) {
      throw new UsageStoreException("cannot list key governance", e);
    }
    return rows;
  }

  @Override
  public synchronized void saveKeyGovernance(KeyGovernance g) {
    if (g.empty()) {
      update("DELETE FROM key_governance WHERE key_id = ?", g.keyId());
    } else {
      update(
          "INSERT OR REPLACE INTO key_governance (key_id, team, user_budget_usd_day, session_budget_usd, team_admin)"
              + " VALUES (?, ?, ?, ?, ?)",
          g.keyId(), g.team(), g.userBudgetUsdDay(), g.sessionBudgetUsd(), g.teamAdmin());
    }
  }

  @Override
  public List<TagBudget> tagBudgets() {
    List<TagBudget> rows = new ArrayList<>();
    try (Connection c = store.reader();
        PreparedStatement ps =
            c.prepareStatement("SELECT tag, budget_usd_day, budget_usd_month, warn_only FROM tag_budgets ORDER BY tag");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(new TagBudget(rs.getString(1), number(rs, 2), number(rs, 3), rs.getBoolean(4)));
      }
    } catch (SQLException e) {
      throw new UsageStoreException("cannot list tag budgets", e);
    }
    return rows;
  }

  @Override
  public synchronized void saveTagBudget(TagBudget b) {
    update("INSERT OR REPLACE INTO tag_budgets VALUES (?, ?, ?, ?)", b.tag(), b.budgetUsdDay(), b.budgetUsdMonth(),
        b.warnOnly());
  }

  @Override
  public synchronized void deleteTagBudget(String tag) {
    update("DELETE FROM tag_budgets WHERE tag = ?", tag);
  }

  /** Reads a nullable number column as a double (null when SQL NULL). */
  private static Double number(ResultSet rs, int column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  private static List<String> split(String joined) {
    return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(SEPARATOR));
  }

  private void update(String sql, Object... values) {
    try (Connection c = store.reader();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          ps.setNull(i + 1, Types.NULL);
        } else {
          ps.setObject(i + 1, values[i]);
        }
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new UsageStoreException("cannot change teams", e);
    }
  }
}

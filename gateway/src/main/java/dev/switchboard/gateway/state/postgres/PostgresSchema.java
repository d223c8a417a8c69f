package dev.switchboard.gateway.state.postgres;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Creates and migrates the schema on start: {@code schema_version} records which of the ordered
 * {@link #MIGRATIONS} ran. The whole check-and-apply runs in one transaction under a transaction
 * advisory lock, so gateways starting together apply each migration exactly once.
 */
final class PostgresSchema {
  /** Arbitrary, fixed: every gateway must take the same lock. */
  private static final long MIGRATION_LOCK = 0x5357_4954_4348_0001L;

  /** Migration N is element N-1; append new ones, never change one that has shipped. */
  static final List<String> MIGRATIONS =
      List.of(
          """
          CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            secret_hash TEXT NOT NULL UNIQUE,
            hint TEXT,
            name TEXT NOT NULL,
            owner TEXT,
            country TEXT,
            models TEXT[] NOT NULL,
            rpm INTEGER,
            tpm BIGINT,
            budget_usd_day DOUBLE PRECISION,
            budget_usd_month DOUBLE PRECISION,
            expires_at TIMESTAMPTZ,
            enabled BOOLEAN NOT NULL,
            store_bodies BOOLEAN NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            revoked_at TIMESTAMPTZ
          );
          CREATE TABLE key_spend (
            key_id TEXT NOT NULL,
            period TEXT NOT NULL,
            period_start DATE NOT NULL,
            spend_usd DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (key_id, period, period_start)
          );
          CREATE TABLE stored_bodies (
            id TEXT PRIMARY KEY,
            api_key_id TEXT,
            ts TIMESTAMPTZ NOT NULL,
            request_json TEXT,
            response_json TEXT
          );
          CREATE INDEX stored_bodies_ts ON stored_bodies (ts);
          """,
          // 2: teams, key governance and tag budgets, and the alert delivery log (issue 21)
          """
          CREATE TABLE teams (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            parent TEXT,
            members TEXT[] NOT NULL,
            models TEXT[] NOT NULL,
            rpm INTEGER,
            tpm BIGINT,
            budget_usd_day DOUBLE PRECISION,
            budget_usd_month DOUBLE PRECISION,
            user_budget_usd_day DOUBLE PRECISION,
            session_budget_usd DOUBLE PRECISION,
            created_at TIMESTAMPTZ NOT NULL,
            warn_only BOOLEAN NOT NULL
          );
          CREATE TABLE key_governance (
            key_id TEXT PRIMARY KEY,
            team TEXT,
            user_budget_usd_day DOUBLE PRECISION,
            session_budget_usd DOUBLE PRECISION,
            team_admin BOOLEAN NOT NULL DEFAULT false
          );
          CREATE TABLE tag_budgets (
            tag TEXT PRIMARY KEY,
            budget_usd_day DOUBLE PRECISION,
            budget_usd_month DOUBLE PRECISION,
            warn_only BOOLEAN NOT NULL
          );
          CREATE TABLE alert_deliveries (
            budget TEXT NOT NULL,
            period TEXT NOT NULL,
            period_start DATE NOT NULL,
            threshold INTEGER NOT NULL,
            subject TEXT NOT NULL,
            budget_usd DOUBLE PRECISION NOT NULL,
            spent_usd DOUBLE PRECISION NOT NULL,
            claimed_at TIMESTAMPTZ NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            last_error TEXT,
            PRIMARY KEY (budget, period, period_start, threshold)
          );
          """);

  private PostgresSchema() {}

  /** Applies the migrations not yet applied; gives the schema version now in place. */
  static Future<Integer> migrate(Pool pool) {
    return pool.withTransaction(c -> c.query("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")")
        .execute()
        // "already exists, skipping" is no news on every start after the first
        .compose(r -> c.query("SET LOCAL client_min_messages = warning").execute())
        .compose(r -> c.query(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                    + " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            .execute())
        .compose(r -> c.query("SELECT coalesce(max(version), 0) FROM schema_version").execute())
        .compose(rows -> applyFrom(c, rows.iterator().next().getInteger(0))));
  }

  private static Future<Integer> applyFrom(SqlConnection c, int current) {
    if (current >= MIGRATIONS.size()) {
      return Future.succeededFuture(current);
    }
    int next = current + 1;
    return c.query(MIGRATIONS.get(current))
        .execute()
        .compose(r -> c.preparedQuery("INSERT INTO schema_version (version) VALUES ($1)")
            .execute(Tuple.of(next)))
        .compose(r -> applyFrom(c, next));
  }
}

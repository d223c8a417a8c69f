package dev.switchboard.gateway.state.postgres;

import dev.switchboard.gateway.alerts.AlertLog;
import dev.switchboard.gateway.auth.KeyStore;
import dev.switchboard.gateway.teams.TeamStore;
import dev.switchboard.gateway.usage.BodyArchive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;

/**
 * Opens the shared PostgreSQL: a small connection pool, the schema migrated to the current
 * version, and the change listener; hands out the key, team and body stores and the alert log.
 */
public final class PostgresState {
  private final Pool pool;
  private final KeyChangeListener listener;
  private final PostgresKeyStore keys;
  private final PostgresBodyArchive bodies;
  private final PostgresTeamStore teams;
  private final PostgresAlertLog alerts;

  private PostgresState(Pool pool, KeyChangeListener listener) {
    this.pool = pool;
    this.listener = listener;
    this.keys = new PostgresKeyStore(pool, listener);
    this.bodies = new PostgresBodyArchive(pool);
    this.teams = new PostgresTeamStore(pool, listener);
    this.alerts = new PostgresAlertLog(pool);
  }

  /**
   * Connects to {@code url} ({@code postgresql://user:password@host:port/db}), migrates the schema
   * and subscribes to key changes; fails when the server cannot be reached.
   */
  public static Future<PostgresState> open(Vertx vertx, String url) {
    PgConnectOptions options = PgConnectOptions.fromUri(url);
    // a few connections serve key lookups, admin writes, spend and bodies: all short statements
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(4).setMaxWaitQueueSize(4096)
            .setConnectionTimeout(2).setConnectionTimeoutUnit(TimeUnit.SECONDS))
        .with(new NetClientOptions().setConnectTimeout(1000).setTcpNoDelay(true))
        .connectingTo(options)
        .using(vertx)
        .build();
    KeyChangeListener listener = new KeyChangeListener(vertx, new PgConnectOptions(options));
    PostgresState state = new PostgresState(pool, listener);
    return PostgresSchema.migrate(pool)
        .compose(version -> listener.connect())
        .map(v -> state)
        .recover(t -> state.close().transform(closed -> PgFailures.mapped(t, "open the database")));
  }

  public KeyStore keyStore() {
    return keys;
  }

  public BodyArchive bodyArchive() {
    return bodies;
  }

  /** Returns the team store (blocking: call it on a worker thread). */
  public TeamStore teamStore() {
    return teams;
  }

  /** Returns the alert delivery log shared by the gateways (blocking: call it on a worker thread). */
  public AlertLog alertLog() {
    return alerts;
  }

  /** Returns whether the database answers a trivial query (for {@code /ready}). */
  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().<Void>mapEmpty()
        .recover(t -> PgFailures.mapped(t, "reach the database"));
  }

  /** Closes the listener and the pool. */
  public Future<Void> close() {
    return listener.close().transform(v -> pool.close());
  }
}

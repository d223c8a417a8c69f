package dev.switchboard.gateway.state;

import dev.switchboard.config.PostgresUrl;
import dev.switchboard.config.StateConfig;
import dev.switchboard.gateway.alerts.AlertLog;
import dev.switchboard.gateway.auth.DuckDbKeyStore;
import dev.switchboard.gateway.auth.KeyCachePolicy;
import dev.switchboard.gateway.auth.KeyStore;
import dev.switchboard.gateway.lifecycle.ReadinessCheck;
import dev.switchboard.gateway.state.postgres.PostgresState;
import dev.switchboard.gateway.teams.DuckDbTeamStore;
import dev.switchboard.gateway.teams.TeamStore;
import dev.switchboard.gateway.usage.BodyArchive;
import dev.switchboard.gateway.usage.DuckDbBodyArchive;
import dev.switchboard.telemetry.store.StateDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Holds where keys, key spend, stored bodies, teams (with key links and tag budgets) and the alert
 * delivery log live: the shared database of {@code state.database} when one is configured, else the
 * gateway's embedded file; and how long cached keys are trusted.
 *
 * @param close releases the stores' connections
 * @param readiness the {@code /ready} check of the shared database; empty when embedded
 * @param teams teams, key governance and tag budgets (blocking: use on worker threads)
 * @param alertLog the alert delivery log whose claims make an alert fire once (blocking)
 */
public record StateStores(
    KeyStore keys,
    BodyArchive bodies,
    KeyCachePolicy cachePolicy,
    Supplier<Future<Void>> close,
    Optional<ReadinessCheck> readiness,
    TeamStore teams,
    AlertLog alertLog) {

  /**
   * Opens the configured stores: the embedded ones on a worker thread, the shared database after
   * migrating its schema. Fails when the database URL's variable is unset or it cannot be reached.
   */
  public static Future<StateStores> open(Vertx vertx, StateConfig state, StateDatabase embedded) {
    Optional<String> url;
    try {
      url = databaseUrl(state);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    if (url.isEmpty()) {
      return vertx.executeBlocking(
          () -> new StateStores(
              DuckDbKeyStore.open(vertx, embedded), DuckDbBodyArchive.open(vertx, embedded),
              KeyCachePolicy.EMBEDDED, Future::succeededFuture, Optional.empty(),
              DuckDbTeamStore.open(embedded), AlertLog.open(embedded)),
          false);
    }
    return PostgresState.open(vertx, url.get())
        .map(shared -> new StateStores(
            shared.keyStore(), shared.bodyArchive(),
            KeyCachePolicy.shared(state.databaseCacheGrace()), shared::close,
            Optional.of(new ReadinessCheck("database", shared::ping)), shared.teamStore(), shared.alertLog()));
  }

  /**
   * Returns the resolved database URL of {@code state}, or empty when none is configured.
   *
   * @throws IllegalArgumentException when its variable is unset or it is not a PostgreSQL URL
   */
  static Optional<String> databaseUrl(StateConfig state) {
    return StateUrl.resolve(state.databaseUrl(), "database", PostgresUrl::problem);
  }
}

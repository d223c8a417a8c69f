package dev.switchboard.gateway.state.postgres;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the key-change and team-change channels over its own connection and reconnects
 * (every 500 ms, for ever) when the server goes away. Every subscription after the first says
 * changes may have been missed, so the watchers can drop (keys) or re-read (teams) what they hold.
 */
final class KeyChangeListener {
  private static final Logger LOG = LoggerFactory.getLogger(KeyChangeListener.class);
  private static final long RECONNECT_MS = 500;

  private final PgSubscriber subscriber;
  private volatile Consumer<String> changed = hash -> {};
  private volatile Runnable resync = () -> {};
  private volatile Runnable teamsChanged = () -> {};
  private boolean subscribedBefore;

  KeyChangeListener(Vertx vertx, PgConnectOptions options) {
    this.subscriber = PgSubscriber.subscriber(vertx, options);
    subscriber.reconnectPolicy(attempt -> {
      if (attempt == 0) {
        LOG.warn("lost the key-change connection to the database; reconnecting");
      }
      return RECONNECT_MS;
    });
    subscriber.channel(PostgresKeyStore.CHANNEL)
        .subscribeHandler(v -> {
          // a lost connection is reported by the reconnect policy; unhandled, it prints a trace
          subscriber.actualConnection().exceptionHandler(t -> LOG.debug("key-change connection: {}", t.toString()));
          if (subscribedBefore) {
            LOG.info("key-change connection to the database restored");
            resync.run();
            teamsChanged.run();
          }
          subscribedBefore = true;
        })
        .handler(hash -> changed.accept(hash));
    subscriber.channel(PostgresTeamStore.CHANNEL).handler(payload -> teamsChanged.run());
  }

  /** Connects and subscribes. */
  Future<Void> connect() {
    return subscriber.connect();
  }

  void watch(Consumer<String> onChange, Runnable onResync) {
    this.changed = onChange;
    this.resync = onResync;
  }

  /** Calls {@code onChange} for every team change any gateway commits, and after a reconnect. */
  void watchTeams(Runnable onChange) {
    this.teamsChanged = onChange;
  }

  Future<Void> close() {
    return subscriber.close();
  }
}

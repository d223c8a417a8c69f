package dev.switchboard.gateway.state.postgres;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the key-change channel over its own connection and reconnects (every 500 ms, for
 * ever) when the server goes away. Every subscription after the first says changes may have been
 * missed, so the watcher can drop what it cached.
 */
final class KeyChangeListener {
  private static final Logger LOG = LoggerFactory.getLogger(KeyChangeListener.class);
  private static final long RECONNECT_MS = 500;

  private final PgSubscriber subscriber;
  private volatile Consumer<String> changed = hash -> {};
  private volatile Runnable resync = () -> {};
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
          }
          subscribedBefore = true;
        })
        .handler(hash -> changed.accept(hash));
  }

  /** Connects and subscribes. */
  Future<Void> connect() {
    return subscriber.connect();
  }

  void watch(Consumer<String> onChange, Runnable onResync) {
    this.changed = onChange;
    this.resync = onResync;
  }

  Future<Void> close() {
    return subscriber.close();
  }
}

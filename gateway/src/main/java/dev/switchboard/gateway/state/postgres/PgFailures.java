package dev.switchboard.gateway.state.postgres;

import dev.switchboard.gateway.state.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;

/**
 * Tells an unreachable server from a refused statement: connection errors (refused, closed, timed
 * out) and server states "connection exception" (08) and "operator intervention" (57, e.g. a
 * shutdown) become {@link StoreUnavailableException}; everything else passes unchanged.
 */
final class PgFailures {

  private PgFailures() {}

  /** Fails with {@code t}, as {@link StoreUnavailableException} when the server was unreachable. */
  static <T> Future<T> mapped(Throwable t, String what) {
    return Future.failedFuture(unreachable(t) ? new StoreUnavailableException("cannot " + what, t) : t);
  }

  static boolean unreachable(Throwable t) {
    if (t instanceof StoreUnavailableException) {
      return true;
    }
    if (t instanceof PgException pg) {
      String state = pg.getSqlState();
      return state != null && (state.startsWith("08") || state.startsWith("57"));
    }
    // not an answer from the server: the connection itself failed
    return true;
  }
}

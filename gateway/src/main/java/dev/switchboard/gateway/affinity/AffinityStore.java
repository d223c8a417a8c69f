package dev.switchboard.gateway.affinity;

import dev.switchboard.config.AffinityConfig;
import io.vertx.core.Future;
import java.util.function.LongSupplier;

/**
 * Remembers which target served each session of each route, for a while after its last use.
 * Lookups may go over the network: they complete on the caller's context and never fail (a store
 * that cannot answer answers "unknown").
 */
public interface AffinityStore {

  /**
   * Returns the target that last served {@code session} on {@code route} (null when unknown) and
   * restarts its time to live.
   */
  Future<String> lookup(String route, String session);

  /** Remembers that {@code target} served {@code session} on {@code route}; never blocks. */
  void remember(String route, String session, String target);

  /** Returns how many lookups or writes fell back to this process's memory after a store error. */
  default long fallbacks() {
    return 0;
  }

  /** Releases connections. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }

  /** Returns a store that remembers nothing (affinity off). */
  static AffinityStore none() {
    return NoAffinity.INSTANCE;
  }

  /** Returns a store in this process's memory, bounded and expiring per {@code config}. */
  static AffinityStore local(AffinityConfig config, LongSupplier nanos) {
    return new LocalAffinityStore(config, nanos);
  }

  /** Remembers nothing. */
  enum NoAffinity implements AffinityStore {
    INSTANCE;

    @Override
    public Future<String> lookup(String route, String session) {
      return Future.succeededFuture();
    }

    @Override
    public void remember(String route, String session, String target) {}
  }
}

package dev.switchboard.gateway.affinity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.config.AffinityConfig;
import io.vertx.core.Future;
import java.util.function.LongSupplier;

/**
 * Keeps affinity in this process: a Caffeine map bounded by {@code max_entries}, each entry
 * forgotten {@code ttl} after its last use. Thread-safe; every call is a map operation.
 */
final class LocalAffinityStore implements AffinityStore {
  private final Cache<String, String> targets;

  LocalAffinityStore(AffinityConfig config, LongSupplier nanos) {
    this.targets =
        Caffeine.newBuilder()
            .maximumSize(config.maxEntries())
            .expireAfterAccess(config.ttl())
            .ticker(nanos::getAsLong)
            .executor(Runnable::run)
            .build();
  }

  @Override
  public Future<String> lookup(String route, String session) {
    return Future.succeededFuture(get(route, session));
  }

  /** Returns the remembered target now, refreshing its time to live. */
  String get(String route, String session) {
    return targets.getIfPresent(key(route, session));
  }

  @Override
  public void remember(String route, String session, String target) {
    targets.put(key(route, session), target);
  }

  private static String key(String route, String session) {
    return route + '\n' + session;
  }
}

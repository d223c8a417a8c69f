package dev.switchboard.gateway.affinity;

import dev.switchboard.config.AffinityConfig;
import dev.switchboard.config.StateConfig;
import dev.switchboard.gateway.state.RedisConnection;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.function.LongSupplier;

/** Picks the affinity store the config asks for: none, this process's memory, or Redis. */
public final class AffinityStores {

  private AffinityStores() {}

  /**
   * Returns the store for {@code config}: none when affinity is off, Redis (backed by memory) when
   * {@code state.redis} is set, else memory.
   *
   * @throws IllegalArgumentException when the Redis URL's variable is unset or not a Redis URL
   */
  public static AffinityStore create(
      Vertx vertx, AffinityConfig config, StateConfig state, LongSupplier nanos) {
    if (!config.enabled()) {
      return AffinityStore.none();
    }
    LocalAffinityStore local = new LocalAffinityStore(config, nanos);
    Optional<String> url = RedisConnection.url(state);
    if (url.isEmpty()) {
      return local;
    }
    return new RedisAffinityStore(vertx, url.get(), config, local, nanos);
  }

  /** Returns a store in memory, or none when affinity is off. */
  public static AffinityStore local(AffinityConfig config, LongSupplier nanos) {
    return config.enabled() ? new LocalAffinityStore(config, nanos) : AffinityStore.none();
  }
}

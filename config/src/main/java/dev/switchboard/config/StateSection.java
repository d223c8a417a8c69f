package dev.switchboard.config;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Maps the {@code state} section onto {@link StateConfig}. Literal Redis and PostgreSQL URLs are
 * checked here; {@code ${VAR}} ones when they are resolved at startup.
 */
final class StateSection {

  private static final long MAX_GRACE_MS = Duration.ofDays(7).toMillis();

  private StateSection() {}

  /** Reads the section, or returns the defaults when it is absent. */
  static StateConfig read(Optional<YamlNodeReader> section) {
    if (section.isEmpty()) {
      return StateConfig.defaults();
    }
    YamlNodeReader state = section.get();
    state.rejectUnknownKeys("redis", "redis_failure", "database", "database_cache_grace_ms");
    SecretRef redis = url(state, "redis", RedisUrl::problem);
    SecretRef database = url(state, "database", PostgresUrl::problem);
    long graceMs =
        state.positive("database_cache_grace_ms", MAX_GRACE_MS, StateConfig.DEFAULT_CACHE_GRACE.toMillis());
    StateConfig.RedisFailure failure =
        state.nonBlankString("redis_failure").map(v -> failure(state, v)).orElse(StateConfig.RedisFailure.OPEN);
    return new StateConfig(redis, database, Duration.ofMillis(graceMs), failure);
  }

  private static SecretRef url(
      YamlNodeReader state, String key, Function<String, Optional<String>> problem) {
    SecretRef url = state.nonBlankString(key).map(SecretRef::parse).orElse(SecretRef.none());
    if (url.isPresent() && url.envVar().isEmpty()) {
      url.resolve(name -> null).flatMap(problem).ifPresent(p -> state.problem(key, p));
    }
    return url;
  }

  private static StateConfig.RedisFailure failure(YamlNodeReader state, String value) {
    return switch (value) {
      case "open" -> StateConfig.RedisFailure.OPEN;
      case "closed" -> StateConfig.RedisFailure.CLOSED;
      default -> {
        state.problem("redis_failure", "unknown value '" + value + "' (allowed: open, closed)");
        yield StateConfig.RedisFailure.OPEN;
      }
    };
  }
}

package dev.switchboard.config;

import java.util.Optional;

/**
 * Maps the {@code state} section onto {@link StateConfig}. A literal Redis URL is checked here; a
 * {@code ${VAR}} one when it is resolved at startup.
 */
final class StateSection {

  private StateSection() {}

  /** Reads the section, or returns the defaults when it is absent. */
  static StateConfig read(Optional<YamlNodeReader> section) {
    if (section.isEmpty()) {
      return StateConfig.defaults();
    }
    YamlNodeReader state = section.get();
    state.rejectUnknownKeys("redis", "redis_failure");
    SecretRef redis = state.nonBlankString("redis").map(SecretRef::parse).orElse(SecretRef.none());
    if (redis.isPresent() && redis.envVar().isEmpty()) {
      redis.resolve(name -> null).flatMap(RedisUrl::problem).ifPresent(p -> state.problem("redis", p));
    }
    StateConfig.RedisFailure failure =
        state.nonBlankString("redis_failure").map(v -> failure(state, v)).orElse(StateConfig.RedisFailure.OPEN);
    return new StateConfig(redis, failure);
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

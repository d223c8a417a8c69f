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
    state.rejectUnknownKeys("redis");
    SecretRef redis = state.nonBlankString("redis").map(SecretRef::parse).orElse(SecretRef.none());
    if (redis.isPresent() && redis.envVar().isEmpty()) {
      redis.resolve(name -> null).flatMap(RedisUrl::problem).ifPresent(p -> state.problem("redis", p));
    }
    return new StateConfig(redis);
  }
}

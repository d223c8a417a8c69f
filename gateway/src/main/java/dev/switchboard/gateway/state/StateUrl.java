package dev.switchboard.gateway.state;

import dev.switchboard.config.SecretRef;
import java.util.Optional;
import java.util.function.Function;

/** Resolves the URL of a shared store from the {@code state} section: its variable, then a check. */
final class StateUrl {

  private StateUrl() {}

  /**
   * Returns the resolved URL, or empty when none is configured.
   *
   * @param key the key under {@code state}, named in errors (never the URL: it may hold a password)
   * @param problem what is wrong with a resolved URL, if anything
   * @throws IllegalArgumentException when its variable is unset or it fails the check
   */
  static Optional<String> resolve(
      Optional<SecretRef> ref, String key, Function<String, Optional<String>> problem) {
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    String url;
    try {
      url = ref.get().resolve().orElseThrow();
    } catch (SecretRef.MissingSecretException e) {
      throw new IllegalArgumentException("state." + key + ": " + e.getMessage(), e);
    }
    problem.apply(url)
        .ifPresent(p -> {
          throw new IllegalArgumentException("state." + key + ": " + p);
        });
    return Optional.of(url);
  }
}

package dev.switchboard.config;

import java.util.Locale;
import java.util.Optional;

/** Maps the {@code auth} section onto {@link AuthConfig}; unset keys take defaults. */
final class AuthSection {

  private AuthSection() {}

  static AuthConfig read(Optional<YamlNodeReader> section) {
    AuthConfig defaults = AuthConfig.defaults();
    if (section.isEmpty()) {
      return defaults;
    }
    YamlNodeReader auth = section.get();
    auth.rejectUnknownKeys("mode", "admin_key");
    AuthConfig.AuthMode mode = auth.nonBlankString("mode").map(m -> mode(auth, m)).orElse(defaults.mode());
    SecretRef adminKey = auth.nonBlankString("admin_key").map(SecretRef::parse).orElse(SecretRef.none());
    if (mode == AuthConfig.AuthMode.KEYS && !adminKey.isPresent()) {
      auth.problem("admin_key", "required when mode is 'keys'");
    }
    return new AuthConfig(mode, adminKey);
  }

  private static AuthConfig.AuthMode mode(YamlNodeReader auth, String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "none":
        return AuthConfig.AuthMode.NONE;
      case "keys":
        return AuthConfig.AuthMode.KEYS;
      default:
        auth.problem("mode", "unknown mode '" + value + "' (allowed: none, keys)");
        return AuthConfig.AuthMode.NONE;
    }
  }
}

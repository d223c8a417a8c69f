package dev.switchboard.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Maps the {@code auth} section onto {@link AuthConfig}; unset keys take defaults. */
final class AuthSection {
  private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
  private static final long MAX_RPM = 100_000_000L;
  private static final long MAX_RETENTION_DAYS = 3_650;
  // the team ids the admin API accepts (see teams/FieldValues in the gateway)
  private static final Pattern TEAM_ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  private AuthSection() {}

  static AuthConfig read(Optional<YamlNodeReader> section, Set<String> providerIds) {
    AuthConfig defaults = AuthConfig.defaults();
    if (section.isEmpty()) {
      return defaults;
    }
    YamlNodeReader auth = section.get();
    auth.rejectUnknownKeys("mode", "admin_key", "keys", "upstream_limits", "body_retention_days");
    AuthConfig.AuthMode mode = auth.nonBlankString("mode").map(m -> mode(auth, m)).orElse(defaults.mode());
    SecretRef adminKey = auth.nonBlankString("admin_key").map(SecretRef::parse).orElse(SecretRef.none());
    if (mode == AuthConfig.AuthMode.KEYS && !adminKey.isPresent()) {
      auth.problem("admin_key", "required when mode is 'keys'");
    }
    List<StaticKeyConfig> keys = keys(auth.mappings("keys"));
    List<UpstreamLimitConfig> limits = upstreamLimits(auth.mappings("upstream_limits"), providerIds);
    long retentionDays =
        auth.positive(
            "body_retention_days", MAX_RETENTION_DAYS, AuthConfig.DEFAULT_BODY_RETENTION.toDays());
    return new AuthConfig(mode, adminKey, keys, limits, Duration.ofDays(retentionDays));
  }

  /** Returns whether {@code code} is an ISO 3166-1 alpha-2 country code (upper case). */
  static boolean isCountry(String code) {
    return ISO_COUNTRIES.contains(code);
  }

  private static List<StaticKeyConfig> keys(List<YamlNodeReader> entries) {
    List<StaticKeyConfig> keys = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<SecretRef> secrets = new HashSet<>();
    for (YamlNodeReader entry : entries) {
      entry.rejectUnknownKeys(
          "name", "key", "owner", "country", "models", "rpm", "tpm", "budget_usd_day",
          "budget_usd_month", "store_bodies", "team");
      Optional<String> name = entry.requiredString("name");
      if (name.isPresent() && !names.add(name.get())) {
        entry.problem("name", "duplicate key name '" + name.get() + "'");
      }
      Optional<SecretRef> secret = entry.requiredString("key").map(SecretRef::parse);
      if (secret.isPresent() && !secrets.add(secret.get())) {
        entry.problem("key", "the same secret is declared for another key");
      }
      String country = entry.nonBlankString("country").map(c -> country(entry, c)).orElse(null);
      List<String> models = patterns(entry);
      Integer rpm = positiveOrNull(entry, "rpm");
      Long tpm = positiveLongOrNull(entry, "tpm");
      Double day = entry.nonNegativeDecimal("budget_usd_day").orElse(null);
      Double month = entry.nonNegativeDecimal("budget_usd_month").orElse(null);
      boolean storeBodies = entry.bool("store_bodies", false);
      String team = entry.nonBlankString("team").filter(t -> teamId(entry, t)).orElse(null);
      if (name.isPresent() && secret.isPresent()) {
        keys.add(
            new StaticKeyConfig(
                name.get(), secret.get(), entry.string("owner").orElse(null), country, models,
                rpm, tpm, day, month, storeBodies, team));
      }
    }
    return keys;
  }

  private static boolean teamId(YamlNodeReader entry, String team) {
    if (!TEAM_ID.matcher(team).matches()) {
      entry.problem("team", "must be 1 to 64 characters of a-z, 0-9, '_', '.' or '-', starting with a letter or digit");
      return false;
    }
    return true;
  }

  private static List<UpstreamLimitConfig> upstreamLimits(
      List<YamlNodeReader> entries, Set<String> providerIds) {
    List<UpstreamLimitConfig> limits = new ArrayList<>();
    Set<String> targets = new HashSet<>();
    for (YamlNodeReader entry : entries) {
      entry.rejectUnknownKeys("provider", "model", "rpm", "tpm");
      Optional<String> provider = entry.requiredString("provider");
      if (provider.isPresent() && !providerIds.contains(provider.get())) {
        entry.problem("provider", "unknown provider '" + provider.get() + "'");
        provider = Optional.empty();
      }
      String model = entry.nonBlankString("model").orElse(null);
      if (provider.isPresent() && !targets.add(provider.get() + "\n" + model)) {
        entry.problem("provider", "duplicate limit for this provider and model");
      }
      if (!entry.has("rpm") && !entry.has("tpm")) {
        entry.problem("rpm", "set rpm, tpm or both");
      }
      Integer rpm = positiveOrNull(entry, "rpm");
      Long tpm = positiveLongOrNull(entry, "tpm");
      if (provider.isPresent()) {
        limits.add(new UpstreamLimitConfig(provider.get(), model, rpm, tpm));
      }
    }
    return limits;
  }

  private static Integer positiveOrNull(YamlNodeReader entry, String key) {
    long value = entry.has(key) ? entry.positive(key, MAX_RPM, 0) : 0;
    return value == 0 ? null : (int) value;
  }

  private static Long positiveLongOrNull(YamlNodeReader entry, String key) {
    long value = entry.has(key) ? entry.positive(key, Long.MAX_VALUE, 0) : 0;
    return value == 0 ? null : value;
  }

  private static String country(YamlNodeReader entry, String value) {
    String code = value.trim().toUpperCase(Locale.ROOT);
    if (!isCountry(code)) {
      entry.problem("country", "not an ISO 3166-1 alpha-2 country code: '" + value + "'");
      return null;
    }
    return code;
  }

  private static List<String> patterns(YamlNodeReader entry) {
    List<String> models = entry.stringList("models");
    for (int i = 0; i < models.size(); i++) {
      if (models.get(i).chars().anyMatch(Character::isWhitespace)) {
        entry.problem("models[" + i + "]", "a model pattern must not contain whitespace");
      }
    }
    return models;
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

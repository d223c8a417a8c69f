package dev.switchboard.gateway.auth;

import java.time.Instant;

/**
 * Describes one gateway key (never its secret): who holds it, where they bill from, what they may
 * call and how much. Null limits and budgets mean unlimited.
 *
 * @param id stable id recorded on every usage record ({@code key_...}, or {@code cfg_<name>})
 * @param country ISO 3166-1 alpha-2 billing country, or null
 * @param hint the secret's prefix and last four characters, for recognizing a key
 * @param revokedAt when the key was revoked (it then never works again), or null
 */
public record ApiKey(
    String id,
    String name,
    String owner,
    String country,
    ModelPatterns models,
    Integer rpm,
    Long tpm,
    Double budgetUsdDay,
    Double budgetUsdMonth,
    Instant expiresAt,
    boolean enabled,
    boolean storeBodies,
    Instant createdAt,
    Instant revokedAt,
    Source source,
    String hint) {

  /** Says where a key was declared. */
  public enum Source {
    /** Created through the admin API and kept in the store. */
    API,
    /** Declared in config ({@code auth.keys}); read-only at run time. */
    CONFIG
  }

  public ApiKey {
    models = models == null ? ModelPatterns.any() : models;
  }

  /** Returns the continent derived from the country, or null. */
  public String continent() {
    return CountryContinents.continentOf(country);
  }

  /** Returns why the key cannot be used at {@code now}, or null when it can. */
  public String unusableReason(Instant now) {
    if (revokedAt != null) {
      return "This API key has been revoked.";
    }
    if (!enabled) {
      return "This API key is disabled.";
    }
    if (expiresAt != null && !now.isBefore(expiresAt)) {
      return "This API key expired at " + expiresAt + ".";
    }
    return null;
  }

  /** Returns a mutable copy to change fields by name. */
  public KeyEdit edit() {
    return new KeyEdit(this);
  }
}

package dev.switchboard.gateway.auth;

import java.time.Instant;
import java.util.List;

/**
 * Collects changes to an {@link ApiKey} field by field (the admin API's create and PATCH), then
 * builds the changed key. Identity fields (id, created, source, hint) cannot be changed.
 */
public final class KeyEdit {
  private final ApiKey base;
  private String name;
  private String owner;
  private String country;
  private ModelPatterns models;
  private Integer rpm;
  private Long tpm;
  private Double budgetUsdDay;
  private Double budgetUsdMonth;
  private Instant expiresAt;
  private boolean enabled;
  private boolean storeBodies;
  private Instant revokedAt;

  KeyEdit(ApiKey base) {
    this.base = base;
    this.name = base.name();
    this.owner = base.owner();
    this.country = base.country();
    this.models = base.models();
    this.rpm = base.rpm();
    this.tpm = base.tpm();
    this.budgetUsdDay = base.budgetUsdDay();
    this.budgetUsdMonth = base.budgetUsdMonth();
    this.expiresAt = base.expiresAt();
    this.enabled = base.enabled();
    this.storeBodies = base.storeBodies();
    this.revokedAt = base.revokedAt();
  }

  public KeyEdit name(String value) {
    this.name = value;
    return this;
  }

  public KeyEdit owner(String value) {
    this.owner = value;
    return this;
  }

  public KeyEdit country(String value) {
    this.country = value;
    return this;
  }

  public KeyEdit models(List<String> patterns) {
    this.models = new ModelPatterns(patterns);
    return this;
  }

  public KeyEdit rpm(Integer value) {
    this.rpm = value;
    return this;
  }

  public KeyEdit tpm(Long value) {
    this.tpm = value;
    return this;
  }

  public KeyEdit budgetUsdDay(Double value) {
    this.budgetUsdDay = value;
    return this;
  }

  public KeyEdit budgetUsdMonth(Double value) {
    this.budgetUsdMonth = value;
    return this;
  }

  public KeyEdit expiresAt(Instant value) {
    this.expiresAt = value;
    return this;
  }

  public KeyEdit enabled(boolean value) {
    this.enabled = value;
    return this;
  }

  public KeyEdit storeBodies(boolean value) {
    this.storeBodies = value;
    return this;
  }

  KeyEdit revokedAt(Instant value) {
    this.revokedAt = value;
    return this;
  }

  /** Returns the key with every change applied. */
  public ApiKey build() {
    return new ApiKey(
        base.id(), name, owner, country, models, rpm, tpm, budgetUsdDay, budgetUsdMonth,
        expiresAt, enabled, storeBodies, base.createdAt(), revokedAt, base.source(), base.hint());
  }
}

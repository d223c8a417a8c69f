package dev.switchboard.config;

import java.util.List;

/**
 * Declares a gateway key in config ({@code auth.keys[]}); its secret comes from the environment.
 * Null limits and budgets mean unlimited.
 *
 * @param name unique name; the key's id is {@code cfg_<name>}
 * @param key the secret, usually {@code ${VAR}}
 * @param country ISO 3166-1 alpha-2 billing country (upper case), or null
 * @param models allowed model patterns ({@code openai/*}); empty allows every model
 * @param team the id of the team whose budgets and limits also bind the key, or null
 */
public record StaticKeyConfig(
    String name,
    SecretRef key,
    String owner,
    String country,
    List<String> models,
    Integer rpm,
    Long tpm,
    Double budgetUsdDay,
    Double budgetUsdMonth,
    boolean storeBodies,
    String team) {

  public StaticKeyConfig {
    models = models == null ? List.of() : List.copyOf(models);
  }

  /** Declares a key in no team. */
  public StaticKeyConfig(
      String name,
      SecretRef key,
      String owner,
      String country,
      List<String> models,
      Integer rpm,
      Long tpm,
      Double budgetUsdDay,
      Double budgetUsdMonth,
      boolean storeBodies) {
    this(name, key, owner, country, models, rpm, tpm, budgetUsdDay, budgetUsdMonth, storeBodies, null);
  }
}

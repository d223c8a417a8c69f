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
    boolean storeBodies) {

  public StaticKeyConfig {
    models = models == null ? List.of() : List.copyOf(models);
  }
}

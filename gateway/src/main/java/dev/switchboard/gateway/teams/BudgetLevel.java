package dev.switchboard.gateway.teams;

/**
 * One budget a request must fit: whose it is (for the refusal), where its spend is kept in the
 * ledger, and its limits. A null limit is not checked.
 *
 * @param subject who is capped, as named in a refusal, e.g. {@code team 'ml'}
 * @param ledgerId the id its spend is charged under, e.g. {@code team:ml}
 * @param dayUsd the cap per UTC day, or null
 * @param monthUsd the cap per UTC month, or null
 * @param warnOnly whether crossing the caps only alerts and never refuses
 */
record BudgetLevel(String subject, String ledgerId, Double dayUsd, Double monthUsd, boolean warnOnly) {

  boolean capped() {
    return dayUsd != null || monthUsd != null;
  }
}

package dev.switchboard.gateway.teams;

import dev.switchboard.gateway.auth.ModelPatterns;
import java.time.Instant;
import java.util.List;

/**
 * Describes a team, or an organization (a team without a parent that other teams name as their
 * parent). Its limits bind all its keys together, and an organization's bind all its teams. Null
 * limits and budgets mean unlimited.
 *
 * @param id the team's slug ({@code [a-z0-9][a-z0-9_.-]*}), named by keys and child teams
 * @param parent the id of the organization this team belongs to, or null
 * @param members who owns the team's keys (free-form names or e-mail addresses)
 * @param userBudgetUsdDay cap per end user ({@code user}) per UTC day across the team's keys
 * @param sessionBudgetUsd cap per agent session (per month) across the team's keys
 * @param warnOnly whether the team's day and month budgets only alert and never refuse
 */
public record Team(
    String id,
    String name,
    String parent,
    List<String> members,
    ModelPatterns models,
    Integer rpm,
    Long tpm,
    Double budgetUsdDay,
    Double budgetUsdMonth,
    Double userBudgetUsdDay,
    Double sessionBudgetUsd,
    Instant createdAt,
    boolean warnOnly) {

  public Team {
    members = members == null ? List.of() : List.copyOf(members);
    models = models == null ? ModelPatterns.any() : models;
    name = name == null ? id : name;
  }

  /** Returns the id this team's spend is kept under in the ledger. */
  public String ledgerId() {
    return ledgerId(id);
  }

  /** Returns the ledger id of team {@code id}. */
  static String ledgerId(String id) {
    return "team:" + id;
  }

  /** Returns whether the team sets an rpm or tpm limit. */
  boolean rateLimited() {
    return rpm != null || tpm != null;
  }
}

package dev.switchboard.gateway.teams;

import dev.switchboard.gateway.affinity.SessionKey;
import dev.switchboard.gateway.alerts.BudgetAlerts;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.auth.ApiKey;
import dev.switchboard.gateway.auth.Caller;
import dev.switchboard.gateway.limits.AccessPolicy;
import dev.switchboard.gateway.limits.Admission;
import dev.switchboard.gateway.limits.LimitErrors;
import dev.switchboard.gateway.limits.PromptEstimate;
import dev.switchboard.gateway.limits.RateDecision;
import dev.switchboard.gateway.limits.RateLimitHeaders;
import dev.switchboard.gateway.limits.RateLimiter;
import dev.switchboard.gateway.limits.RateLimits;
import dev.switchboard.gateway.limits.SharedStoreUnavailable;
import dev.switchboard.gateway.limits.BudgetLedger;
import dev.switchboard.gateway.limits.SpendTotals;
import dev.switchboard.telemetry.UsageRecord;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Admits a request only if every level above its key admits it too, then asks the key's own
 * policy: the team's and organization's allowed models (403), the budgets of organization, team,
 * end user, session and tags (402), the team's and organization's rpm/tpm (429, buckets {@code
 * team:<id>}), then the key (models, budgets, rpm/tpm, upstream limit). A refusal names its level.
 * Spend is charged at every level when the usage record is built, as for keys.
 */
public final class TeamAccessPolicy implements AccessPolicy {
  private static final int USER_ID_CHARS = 64;

  private final AccessPolicy keys;
  private final TeamDirectory directory;
  private final RateLimiter limiter;
  private final BudgetLedger ledger;
  private final BudgetAlerts alerts;

  /**
   * Creates the policy.
   *
   * @param keys the key's own policy, asked last
   * @param alerts told of every charge to a budget, or null when alerts are off
   */
  public TeamAccessPolicy(
      AccessPolicy keys, TeamDirectory directory, RateLimiter limiter, BudgetLedger ledger, BudgetAlerts alerts) {
    this.keys = keys;
    this.directory = directory;
    this.limiter = limiter;
    this.ledger = ledger;
    this.alerts = alerts;
  }

  @Override
  public Future<Admission> admit(Caller caller, ChatRequest request) {
    return admit(caller, request, null);
  }

  @Override
  public Future<Admission> admit(Caller caller, ChatRequest request, MultiMap headers) {
    ApiKey key = caller.key();
    KeyGovernance governance = key == null ? null : directory.governance(key.id());
    if (caller.isAdmin() || (governance == null && !directory.anyTagBudget())
        || (key != null && !key.models().allows(request.model()))) {
      // nothing above the key, or the key refuses first
      Future<Admission> own = keys.admit(caller, request, headers);
      return alerts == null || key == null ? own : own.map(admission -> admission.isGranted()
          ? Admission.granted(admission.headers(), record -> {
              admission.settlement().accept(record);
              keyAlerts(key);
            })
          : admission);
    }
    Team team = governance == null ? null : directory.team(governance.team());
    Team org = team == null ? null : directory.team(team.parent());
    List<Team> chain = new ArrayList<>(2);
    if (team != null) {
      chain.add(team);
      if (org != null) {
        chain.add(org);
      }
    }
    for (Team t : chain) {
      if (!t.models().allows(request.model())) {
        return refuse(GovernanceErrors.modelNotAllowed(subject(t, t == org), request.model()));
      }
    }
    List<BudgetLevel> levels = levels(key, governance, team, org, request, headers);
    List<Team> limited = chain.stream().filter(Team::rateLimited).toList();
    long estimate = limited.isEmpty() ? 0 : PromptEstimate.tokens(request);
    return budgetRefusal(levels)
        .compose(overBudget -> overBudget != null ? refuse(overBudget) : acquire(limited, org, 0, estimate))
        .compose(refusal -> {
      if (refusal != null) {
        return Future.succeededFuture(refusal);
      }
      return keys.admit(caller, request, headers).map(admission -> {
        if (!admission.isGranted()) {
          refund(limited, limited.size(), estimate); // the request is not sent after all
          return admission;
        }
        return Admission.granted(admission.headers(), record -> {
          admission.settlement().accept(record);
          settle(record, levels, limited, estimate);
          if (alerts != null) {
            keyAlerts(key);
            levels.forEach(l -> alerts.charged(l.ledgerId(), l.subject(), l.dayUsd(), l.monthUsd(), l.warnOnly()));
          }
        });
      });
    }).recover(t -> t instanceof SharedStoreUnavailable
        ? Future.succeededFuture(Admission.refused(LimitErrors.storeUnavailable(), java.util.Map.of("retry-after", "1")))
        : Future.failedFuture(t));
  }

  /** Checks the key's own budgets for alerts once its spend was charged. */
  private void keyAlerts(ApiKey key) {
    if (key != null) {
      alerts.charged(key.id(), "key '" + key.name() + "'", key.budgetUsdDay(), key.budgetUsdMonth(), false);
    }
  }

  /** Takes one request from each team bucket in turn; gives back what was taken on a refusal. */
  private Future<Admission> acquire(List<Team> limited, Team org, int index, long estimate) {
    if (index == limited.size()) {
      return Future.succeededFuture(null);
    }
    Team team = limited.get(index);
    return limiter.acquire(bucket(team), limits(team), estimate).compose(decision -> {
      if (!decision.allowed()) {
        refund(limited, index, estimate);
        return Future.succeededFuture(Admission.refused(
            LimitErrors.rateLimited(subject(team, team == org), decision), RateLimitHeaders.of(decision)));
      }
      return acquire(limited, org, index + 1, estimate);
    });
  }

  private void refund(List<Team> limited, int count, long estimate) {
    for (int i = 0; i < count; i++) {
      limiter.adjust(bucket(limited.get(i)), limits(limited.get(i)), -1, -estimate);
    }
  }

  private void settle(UsageRecord record, List<BudgetLevel> levels, List<Team> limited, long estimate) {
    Long actual = record.usage().totalTokens();
    // as for keys: no usage and never sent gives the estimate back; sent without usage keeps it
    long correction = actual != null ? actual - estimate : record.attempts() == 0 ? -estimate : 0;
    if (correction != 0) {
      for (Team team : limited) {
        limiter.adjust(bucket(team), limits(team), 0, correction);
      }
    }
    if (record.costUsd() != null) {
      for (BudgetLevel level : levels) {
        ledger.charge(level.ledgerId(), record.costUsd());
      }
    }
  }

  /**
   * Lists the budgets above the key, outermost first. Teams are always charged (so a budget set
   * later in the day sees the day's spend); end users, sessions and tags only where a cap exists,
   * which bounds what the ledger keeps to what is governed.
   */
  private List<BudgetLevel> levels(
      ApiKey key, KeyGovernance governance, Team team, Team org, ChatRequest request, MultiMap headers) {
    List<BudgetLevel> levels = new ArrayList<>(4);
    if (org != null) {
      levels.add(new BudgetLevel(subject(org, true), org.ledgerId(), org.budgetUsdDay(), org.budgetUsdMonth(), org.warnOnly()));
    }
    if (team != null) {
      levels.add(new BudgetLevel(subject(team, false), team.ledgerId(), team.budgetUsdDay(), team.budgetUsdMonth(), team.warnOnly()));
    }
    String user = request.user();
    if (user != null && !user.isBlank()) {
      String shown = user.length() > USER_ID_CHARS ? user.substring(0, USER_ID_CHARS) + "..." : user;
      if (team != null && team.userBudgetUsdDay() != null) {
        levels.add(new BudgetLevel("end user '" + shown + "' of " + subject(team, false),
            "user:team:" + team.id() + ":" + user, team.userBudgetUsdDay(), null, false));
      }
      if (governance != null && governance.userBudgetUsdDay() != null) {
        levels.add(new BudgetLevel("end user '" + shown + "' of key '" + key.name() + "'",
            "user:key:" + key.id() + ":" + user, governance.userBudgetUsdDay(), null, false));
      }
    }
    Double sessionCap = min(
        governance == null ? null : governance.sessionBudgetUsd(), team == null ? null : team.sessionBudgetUsd());
    if (sessionCap != null) {
      SessionKey session = SessionKey.of(request, headers == null ? MultiMap.caseInsensitiveMultiMap() : headers);
      if (session != null) {
        levels.add(new BudgetLevel("session '" + session.hash().substring(0, 8) + "'",
            "session:" + session.hash(), null, sessionCap, false));
      }
    }
    if (directory.anyTagBudget()) {
      for (String tag : RequestTags.of(request, headers)) {
        TagBudget budget = directory.tagBudget(tag);
        if (budget != null) {
          levels.add(new BudgetLevel("tag '" + tag + "'", TagBudget.ledgerId(tag),
              budget.budgetUsdDay(), budget.budgetUsdMonth(), budget.warnOnly()));
        }
      }
    }
    return levels;
  }

  /**
   * Reads the totals of every level that can refuse through the ledger ({@link BudgetLedger#check}:
   * the fleet's totals in Redis when budgets are shared, at once when local), all at the same time;
   * the outermost level over its budget refuses.
   */
  private Future<ApiError> budgetRefusal(List<BudgetLevel> levels) {
    List<BudgetLevel> binding = levels.stream().filter(l -> l.capped() && !l.warnOnly()).toList();
    if (binding.isEmpty()) {
      return Future.succeededFuture(null); // a warn-only budget alerts (see BudgetAlerts) and never refuses
    }
    List<Future<SpendTotals>> totals = new ArrayList<>(binding.size());
    binding.forEach(level -> totals.add(ledger.check(level.ledgerId())));
    return Future.all(totals).map(all -> {
      for (int i = 0; i < binding.size(); i++) {
        ApiError refusal = budgetRefusal(binding.get(i), totals.get(i).result());
        if (refusal != null) {
          return refusal;
        }
      }
      return null;
    });
  }

  private ApiError budgetRefusal(BudgetLevel level, SpendTotals spent) {
    // the day is read only for a refusal: admitting is the common case
    if (level.dayUsd() != null && spent.dayUsd() >= level.dayUsd()) {
      return GovernanceErrors.budgetExceeded(level.subject(), "daily", level.dayUsd(), spent.dayUsd(),
          ledger.today().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    if (level.monthUsd() != null && spent.monthUsd() >= level.monthUsd()) {
      LocalDate monthStart = ledger.today().withDayOfMonth(1);
      return GovernanceErrors.budgetExceeded(level.subject(), "monthly", level.monthUsd(), spent.monthUsd(),
          monthStart.plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    return null;
  }

  /** Names a level: the key's own team is a team, even without a parent; its parent is the organization. */
  private static String subject(Team team, boolean organization) {
    return (organization ? "organization '" : "team '") + team.id() + "'";
  }

  private static String bucket(Team team) {
    return team.ledgerId(); // team:<id>, the same name in the local and the shared (Redis) limiter
  }

  private static RateLimits limits(Team team) {
    return new RateLimits(team.rpm(), team.tpm());
  }

  private static Double min(Double a, Double b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return Math.min(a, b);
  }

  private static Future<Admission> refuse(ApiError error) {
    return Future.succeededFuture(Admission.refused(error, java.util.Map.of()));
  }
}

package dev.switchboard.gateway.limits;

import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.auth.AccessErrors;
import dev.switchboard.gateway.auth.ApiKey;
import dev.switchboard.gateway.auth.Caller;
import dev.switchboard.telemetry.UsageRecord;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Admits requests in order of cost to check: the key's allowed models (403), its day and month
 * budgets (402), its rpm/tpm (429), then the global limit of the upstream target (429); 503 when
 * shared limits or budgets cannot be read and the config says to fail closed. Tokens are
 * taken as an estimate up front and corrected from the real usage when the record is built; spend
 * is charged at the same moment, so a stream in flight always finishes and the next request sees
 * the new total.
 */
public final class KeyAccessPolicy implements AccessPolicy {
  private static final String KEY_BUCKET = "key:";

  private final RateLimiter limiter;
  private final BudgetLedger ledger;
  private final Map<String, UpstreamLimit> upstreamByModel;

  /**
   * Creates the policy.
   *
   * @param upstreamByModel the global limit of each public model's primary target, if any
   */
  public KeyAccessPolicy(
      RateLimiter limiter, BudgetLedger ledger, Map<String, UpstreamLimit> upstreamByModel) {
    this.limiter = limiter;
    this.ledger = ledger;
    this.upstreamByModel = Map.copyOf(upstreamByModel);
  }

  @Override
  public Future<Admission> admit(Caller caller, ChatRequest request) {
    if (caller.isAdmin()) {
      return refuse(AccessErrors.adminCannotCallModels(), Map.of());
    }
    ApiKey key = caller.key();
    if (key != null && !key.models().allows(request.model())) {
      return refuse(AccessErrors.modelNotAllowed(request.model()), Map.of());
    }
    Future<Admission> admission;
    if (key == null || (key.budgetUsdDay() == null && key.budgetUsdMonth() == null)) {
      admission = limit(key, request); // no budget: the ledger is not asked
    } else if (key.rpm() == null && key.tpm() == null) {
      admission = ledger.check(key.id()).compose(spent -> {
        ApiError overBudget = budgetRefusal(key, spent);
        return overBudget != null ? refuse(overBudget, Map.of()) : limit(key, request);
      });
    } else {
      admission = budgetThenLimit(key, request);
    }
    return admission.recover(t -> t instanceof SharedStoreUnavailable
        ? refuse(LimitErrors.storeUnavailable(), Map.of("retry-after", "1"))
        : Future.failedFuture(t));
  }

  /**
   * Checks the key's budgets and takes from its rate limits in one step (one Redis round trip when
   * both are shared), then from its upstream's global limit.
   */
  private Future<Admission> budgetThenLimit(ApiKey key, ChatRequest request) {
    long estimate = PromptEstimate.tokens(request);
    RateLimits keyLimits = new RateLimits(key.rpm(), key.tpm());
    String keyBucket = KEY_BUCKET + key.id();
    Budgets budgets = new Budgets(key.budgetUsdDay(), key.budgetUsdMonth());
    return ledger.checkAndAcquire(key.id(), budgets, limiter, keyBucket, keyLimits, estimate).compose(checked -> {
      ApiError overBudget = budgetRefusal(key, checked.spent());
      if (overBudget != null) {
        if (checked.rate() != null && checked.rate().allowed()) {
          limiter.adjust(keyBucket, keyLimits, -1, -estimate); // taken, but refused after all
        }
        return refuse(overBudget, Map.of());
      }
      Future<RateDecision> keyCheck = checked.rate() != null
          ? Future.succeededFuture(checked.rate())
          : limiter.acquire(keyBucket, keyLimits, estimate);
      return keyCheck.compose(decision -> upstream(key, keyBucket, keyLimits, estimate, request, decision));
    });
  }

  /** Takes the request from the key's rate limits, then from its upstream's global limit. */
  private Future<Admission> limit(ApiKey key, ChatRequest request) {
    long estimate = PromptEstimate.tokens(request);
    RateLimits keyLimits =
        key == null ? new RateLimits(null, null) : new RateLimits(key.rpm(), key.tpm());
    String keyBucket = key == null ? null : KEY_BUCKET + key.id();
    Future<RateDecision> keyCheck =
        keyLimits.unlimited()
            ? Future.succeededFuture(RateDecision.unlimited(estimate))
            : limiter.acquire(keyBucket, keyLimits, estimate);
    return keyCheck.compose(decision -> upstream(key, keyBucket, keyLimits, estimate, request, decision));
  }

  /** Refuses on the key's rate decision, or takes the request from its upstream's global limit. */
  private Future<Admission> upstream(
      ApiKey key, String keyBucket, RateLimits keyLimits, long estimate, ChatRequest request, RateDecision decision) {
    UpstreamLimit upstream = upstreamByModel.get(request.model());
    Map<String, String> headers = RateLimitHeaders.of(decision);
    if (!decision.allowed()) {
      return refuse(LimitErrors.rateLimited("key '" + key.name() + "'", decision), headers);
    }
    Settlement settlement = new Settlement(key, keyBucket, keyLimits, upstream, estimate);
    if (upstream == null) {
      return Future.succeededFuture(Admission.granted(headers, settlement));
    }
    return limiter.acquire(upstream.bucket(), upstream.limits(), estimate).map(global -> {
      if (global.allowed()) {
        return Admission.granted(headers, settlement);
      }
      if (!keyLimits.unlimited()) {
        limiter.adjust(keyBucket, keyLimits, -1, -estimate); // the request is not sent after all
      }
      Map<String, String> refusedHeaders = new LinkedHashMap<>(headers);
      RateLimitHeaders.of(global).forEach((name, value) -> {
        if (name.startsWith("retry-after")) {
          refusedHeaders.put(name, value);
        }
      });
      String target = upstream.bucket().substring(upstream.bucket().indexOf(':') + 1);
      return Admission.refused(
          LimitErrors.rateLimited("upstream " + target + " (all callers)", global), refusedHeaders);
    });
  }

  private ApiError budgetRefusal(ApiKey key, SpendTotals spent) {
    LocalDate today = ledger.today();
    if (key.budgetUsdDay() != null && spent.dayUsd() >= key.budgetUsdDay()) {
      return LimitErrors.budgetExceeded(
          key.name(), "daily", key.budgetUsdDay(), spent.dayUsd(),
          today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    if (key.budgetUsdMonth() != null && spent.monthUsd() >= key.budgetUsdMonth()) {
      return LimitErrors.budgetExceeded(
          key.name(), "monthly", key.budgetUsdMonth(), spent.monthUsd(),
          today.withDayOfMonth(1).plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    return null;
  }

  private static Future<Admission> refuse(ApiError error, Map<String, String> headers) {
    return Future.succeededFuture(Admission.refused(error, headers));
  }

  /** Charges one admitted request's real tokens and cost once its usage record is built. */
  private final class Settlement implements Consumer<UsageRecord> {
    private final ApiKey key;
    private final String keyBucket;
    private final RateLimits keyLimits;
    private final UpstreamLimit upstream;
    private final long estimate;

    Settlement(ApiKey key, String keyBucket, RateLimits keyLimits, UpstreamLimit upstream, long estimate) {
      this.key = key;
      this.keyBucket = keyBucket;
      this.keyLimits = keyLimits;
      this.upstream = upstream;
      this.estimate = estimate;
    }

    @Override
    public void accept(UsageRecord record) {
      Long actual = record.usage().totalTokens();
      // no usage and never sent: give the estimate back; sent without usage: keep the estimate
      long correction = actual != null ? actual - estimate : record.attempts() == 0 ? -estimate : 0;
      if (correction != 0) {
        if (!keyLimits.unlimited()) {
          limiter.adjust(keyBucket, keyLimits, 0, correction);
        }
        if (upstream != null) {
          limiter.adjust(upstream.bucket(), upstream.limits(), 0, correction);
        }
      }
      if (key != null && record.costUsd() != null) {
        ledger.charge(key.id(), record.costUsd());
      }
    }
  }
}

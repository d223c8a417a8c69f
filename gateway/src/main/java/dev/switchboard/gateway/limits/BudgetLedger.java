package dev.switchboard.gateway.limits;

import dev.switchboard.gateway.auth.SpendRow;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;

/**
 * Keeps each key's spend in the current UTC day and month for its budgets: charged as usage
 * records are built, read before admitting a request of a key with a budget, and handed to the key
 * store as increments (added to the stored totals) in batches. {@link SpendLedger} keeps it in
 * this process; {@link RedisBudgetLedger} shares it between gateways.
 */
public interface BudgetLedger {

  /**
   * Returns the totals a budget is checked against: the shared ones when the ledger is shared.
   * Fails with {@link SharedStoreUnavailable} when the shared store is away and the config says
   * to fail closed.
   */
  Future<SpendTotals> check(String keyId);

  /**
   * Checks the key's spend against {@code budgets} and, when neither is reached, takes one request
   * and {@code tokens} from {@code bucket} of {@code limiter}; takes nothing when one is reached.
   * This asks the ledger, then the limiter; a ledger sharing one store with the limiter may do
   * both in one round trip. Fails like {@link #check} and {@link RateLimiter#acquire}.
   */
  default Future<BudgetedDecision> checkAndAcquire(
      String keyId, Budgets budgets, RateLimiter limiter, String bucket, RateLimits limits, long tokens) {
    return check(keyId).compose(spent -> budgets.reachedBy(spent)
        ? Future.succeededFuture(new BudgetedDecision(spent, null))
        : limiter.acquire(bucket, limits, tokens).map(decision -> new BudgetedDecision(spent, decision)));
  }

  /** Returns the last known totals at once, without asking a shared store (admin views). */
  SpendTotals spent(String keyId);

  /** Adds {@code usd} to the key's day and month; non-positive or non-finite amounts are ignored. */
  void charge(String keyId, double usd);

  /** Returns the increments not yet saved, as rows to add to the stored totals, and forgets them. */
  List<SpendRow> drainUnsaved();

  /** Takes back increments {@link #drainUnsaved} gave out that could not be saved. */
  void keepUnsaved(List<SpendRow> rows);

  /** Returns the current UTC day. */
  LocalDate today();

  /** Returns how many calls a shared store could not answer, decided in this process instead. */
  default long fallbacks() {
    return 0;
  }

  /** Releases the ledger's connections, if any. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}

package dev.switchboard.gateway.limits;

import dev.switchboard.config.StateConfig;
import dev.switchboard.gateway.state.RedisConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.LongSupplier;

/** Picks the budget ledger the config asks for: Redis when {@code state.redis} is set, else local. */
public final class BudgetLedgers {

  private BudgetLedgers() {}

  /**
   * Returns {@code local} itself when no Redis is configured, else a ledger shared through Redis
   * that keeps charging {@code local} too (the increments this gateway saves, and its fallback) and
   * seeds a period Redis lacks from {@code stored}.
   *
   * @return a failed future when the Redis URL's variable is unset or it is not a Redis URL
   */
  public static Future<BudgetLedger> start(
      Vertx vertx, StateConfig state, SpendLedger local, StoredSpend stored, LongSupplier nanos) {
    return RedisConnection.choose(state, (BudgetLedger) local,
        url -> new RedisBudgetLedger(vertx, url, local, stored, state.failClosed(), nanos).connect());
  }
}

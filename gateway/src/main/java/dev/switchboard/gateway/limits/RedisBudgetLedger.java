package dev.switchboard.gateway.limits;

import dev.switchboard.gateway.auth.SpendRow;
import dev.switchboard.gateway.state.RedisConnection;
import dev.switchboard.gateway.state.RedisScript;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shares budget totals between every gateway on one Redis: a charge raises the key's day and month
 * totals atomically ({@code spend-charge.lua}, INCRBYFLOAT), and a check reads both with one MGET,
 * so N gateways refuse a key once their spend together reaches its budget. Only keys with a budget
 * are checked; charges go to Redis after the answer, off the request's path.
 *
 * <p>Redis holds no total of its own making: a period's total missing there (a new period, or a
 * Redis restarted without its data) is seeded from the key store's saved total with SET NX before
 * it is charged or read, and expires a day after its period ends. Every gateway still saves its own
 * increments to the key store through its {@link SpendLedger}, which also decides while Redis is
 * away (fail open; or {@link SharedStoreUnavailable} when failing closed). Charges Redis missed
 * while away are added to the key's next charge there. At most one charge per key is in flight.
 *
 * <p>A key with rate limits as well as a budget is checked and taken from in one round trip
 * ({@link #checkAndAcquire}, the limiter's script reading the totals first) when the limiter is
 * the Redis one too.
 */
public final class RedisBudgetLedger implements BudgetLedger {
  static final Duration CHECK_TIMEOUT = RedisRateLimiter.TIMEOUT;
  // a charge is off the request's path: wait longer rather than give up on one that went through
  static final Duration CHARGE_TIMEOUT = Duration.ofSeconds(1);
  static final String PREFIX = "switchboard:spend:";
  private static final RedisScript CHARGE = RedisScript.load(RedisBudgetLedger.class, "spend-charge.lua");
  // the refusals of rate-limit.lua's budget check
  private static final int TOTALS_MISSING = 4;

  private final Redis redis;
  private final SpendLedger local;
  private final StoredSpend stored;
  private final SharedStoreHealth health;
  private final Map<String, Double> queued = new ConcurrentHashMap<>();
  private final Set<String> sending = ConcurrentHashMap.newKeySet();
  private final Map<String, Double> missedByRedis = new ConcurrentHashMap<>();
  private final Map<String, Seen> lastShared = new ConcurrentHashMap<>();

  RedisBudgetLedger(
      Vertx vertx, String url, SpendLedger local, StoredSpend stored, boolean failClosed, LongSupplier nanos) {
    this.redis = RedisConnection.client(vertx, url);
    this.local = local;
    this.stored = stored;
    this.health = new SharedStoreHealth(
        "shared budgets", failClosed, nanos, () -> RedisConnection.answeredWithin(redis, SharedStoreHealth.PAUSE_AFTER_ERROR));
  }

  /** Loads the charge script, so the first charges go by hash; succeeds even when Redis is away. */
  Future<RedisBudgetLedger> connect() {
    return CHARGE.preload(redis, RedisRateLimiter.CONNECT_TIMEOUT)
        .map(loaded -> this)
        .otherwise(t -> {
          health.failed(t);
          return this;
        });
  }

  @Override
  public Future<SpendTotals> check(String keyId) {
    if (health.paused()) {
      health.fellBack();
      return fallback(keyId);
    }
    Context caller = Vertx.currentContext();
    Promise<SpendTotals> answer = Promise.promise();
    LocalDate today = today();
    List<String> keys = keys(keyId, today);
    read(keys)
        .compose(totals -> totals != null
            ? Future.succeededFuture(totals)
            : seed(keyId, today, keys).compose(v -> read(keys)))
        .onComplete(done -> {
          if (done.succeeded() && done.result() != null) {
            lastShared.put(keyId, new Seen(today, done.result()));
            RedisConnection.completeOn(caller, answer, done.result());
          } else {
            health.failed(done.failed() ? done.cause() : new IllegalStateException("totals not seeded"));
            fallback(keyId).onComplete(fallback -> {
              if (fallback.succeeded()) {
                RedisConnection.completeOn(caller, answer, fallback.result());
              } else {
                RedisConnection.failOn(caller, answer, fallback.cause());
              }
            });
          }
        });
    return answer.future();
  }

  @Override
  public Future<BudgetedDecision> checkAndAcquire(
      String keyId, Budgets budgets, RateLimiter limiter, String bucket, RateLimits limits, long tokens) {
    if (!(limiter instanceof RedisRateLimiter shared) || limits.unlimited() || health.paused() || shared.paused()) {
      return BudgetLedger.super.checkAndAcquire(keyId, budgets, limiter, bucket, limits, tokens);
    }
    LocalDate today = today();
    Seen seen = lastShared.get(keyId);
    // far from its budgets (under half of each, as Redis last said today), a key may be admitted
    // from the gateway's lease of its large rate limit without asking Redis about its totals
    boolean roomy = seen != null && seen.day().equals(today) && budgets.underHalf(seen.totals());
    if (roomy) {
      Optional<RateDecision> leased = shared.leased(bucket, limits, tokens);
      if (leased.isPresent()) {
        return Future.succeededFuture(new BudgetedDecision(seen.totals(), leased.get()));
      }
    }
    Context caller = Vertx.currentContext();
    Promise<BudgetedDecision> answer = Promise.promise();
    List<String> keys = keys(keyId, today);
    shared.acquireWithinBudgets(bucket, limits, tokens, keys, budgets, roomy)
        .compose(first -> !unseeded(first.reply())
            ? Future.succeededFuture(first)
            : seed(keyId, today, keys).compose(v -> shared.acquireWithinBudgets(bucket, limits, tokens, keys, budgets, false)))
        .onComplete(done -> {
          if (done.succeeded() && !unseeded(done.result().reply())) {
            Response reply = done.result().reply();
            SpendTotals totals = new SpendTotals(
                Double.parseDouble(reply.get(8).toString()), Double.parseDouble(reply.get(9).toString()));
            lastShared.put(keyId, new Seen(today, totals));
            RedisConnection.completeOn(caller, answer, new BudgetedDecision(totals, done.result().rate()));
            return;
          }
          Throwable cause = done.failed() ? done.cause() : new IllegalStateException("totals not seeded");
          // as the check and the acquire fail apart: the ledger's totals, then the limiter's fallback
          health.failed(cause);
          fallback(keyId)
              .compose(spent -> budgets.reachedBy(spent)
                  ? Future.succeededFuture(new BudgetedDecision(spent, null))
                  : shared.failedOver(cause, bucket, limits, tokens).map(rate -> new BudgetedDecision(spent, rate)))
              .onComplete(fallback -> {
                if (fallback.succeeded()) {
                  RedisConnection.completeOn(caller, answer, fallback.result());
                } else {
                  RedisConnection.failOn(caller, answer, fallback.cause());
                }
              });
        });
    return answer.future();
  }

  /** Says whether the limiter's script found a total missing (see {@code rate-limit.lua}). */
  private static boolean unseeded(Response reply) {
    return reply.get(0).toInteger() == TOTALS_MISSING;
  }

  private Future<SpendTotals> fallback(String keyId) {
    return health.failClosed()
        ? Future.failedFuture(health.unavailable())
        : Future.succeededFuture(local.spent(keyId));
  }

  /** Reads both totals; null when either is missing. */
  private Future<SpendTotals> read(List<String> keys) {
    Request mget = Request.cmd(Command.MGET);
    keys.forEach(mget::arg);
    return redis.send(mget).timeout(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).map(reply -> {
      Response day = reply.get(0);
      Response month = reply.get(1);
      return day == null || month == null
          ? null
          : new SpendTotals(Double.parseDouble(day.toString()), Double.parseDouble(month.toString()));
    });
  }

  @Override
  public SpendTotals spent(String keyId) {
    SpendTotals mine = local.spent(keyId);
    Seen shared = lastShared.get(keyId);
    if (shared == null || !shared.day().equals(today())) {
      return mine;
    }
    return new SpendTotals(
        Math.max(mine.dayUsd(), shared.totals().dayUsd()), Math.max(mine.monthUsd(), shared.totals().monthUsd()));
  }

  /**
   * Queues the charge for Redis; one charge per key is in flight at a time and carries everything
   * queued for the key meanwhile, so a burst costs a few round trips, not one each. This process's
   * ledger is charged once Redis has answered: a seed read between the two could otherwise find the
   * charge already saved and count it twice.
   */
  @Override
  public void charge(String keyId, double usd) {
    if (usd <= 0 || !Double.isFinite(usd)) {
      return;
    }
    queued.merge(keyId, usd, Double::sum);
    send(keyId);
  }

  private void send(String keyId) {
    if (!sending.add(keyId)) {
      return; // the charge in flight sends this one when it ends
    }
    Double taken = queued.remove(keyId);
    if (taken == null) {
      sent(keyId);
      return;
    }
    double usd = taken;
    if (health.paused()) {
      health.fellBack();
      missedByRedis.merge(keyId, usd, Double::sum);
      local.charge(keyId, usd);
      sent(keyId);
      return;
    }
    Double earlier = missedByRedis.remove(keyId);
    double amount = earlier == null ? usd : earlier + usd;
    LocalDate today = today();
    List<String> keys = keys(keyId, today);
    CHARGE.run(redis, keys, List.of(dollars(amount)), CHARGE_TIMEOUT)
        .compose(reply -> {
          List<String> unseeded = new ArrayList<>();
          for (int i = 0; i < keys.size(); i++) {
            if (reply.get(i) == null) {
              unseeded.add(keys.get(i));
            }
          }
          if (unseeded.isEmpty()) {
            remember(keyId, today, reply);
            return Future.succeededFuture();
          }
          // the seed holds what was saved, Redis's lost charges included: only this one is added
          return seed(keyId, today, unseeded)
              .compose(v -> CHARGE.run(redis, unseeded, List.of(dollars(usd)), CHARGE_TIMEOUT))
              .mapEmpty();
        })
        .onComplete(done -> {
          if (done.failed()) {
            health.failed(done.cause());
            missedByRedis.merge(keyId, amount, Double::sum);
          }
          local.charge(keyId, usd);
          sent(keyId);
        });
  }

  /** Ends a key's charge in flight and sends what was queued for it meanwhile. */
  private void sent(String keyId) {
    sending.remove(keyId);
    if (queued.containsKey(keyId)) {
      send(keyId);
    }
  }

  private void remember(String keyId, LocalDate today, Response reply) {
    lastShared.put(keyId, new Seen(today,
        new SpendTotals(Double.parseDouble(reply.get(0).toString()), Double.parseDouble(reply.get(1).toString()))));
  }

  /** Sets the missing totals among {@code keys} to the key store's saved ones (SET NX, so a total another gateway seeded first stays). */
  private Future<Void> seed(String keyId, LocalDate today, List<String> keys) {
    // what Redis missed while away is saved by now or soon, and the seed carries what is saved
    missedByRedis.remove(keyId);
    return stored.of(keyId, today).compose(saved -> {
      List<Future<Response>> sets = new ArrayList<>();
      for (String key : keys) {
        boolean day = key.contains(":day:");
        // a day past the period's end, told by this gateway's clock (not Redis's)
        long expiresAt = (day ? today.plusDays(2) : today.withDayOfMonth(1).plusMonths(1).plusDays(1))
            .atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        long ttl = Math.max(1, expiresAt - local.clock().instant().getEpochSecond());
        sets.add(redis.send(Request.cmd(Command.SET).arg(key)
                .arg(dollars(day ? saved.dayUsd() : saved.monthUsd()))
                .arg("NX").arg("EX").arg(ttl))
            .timeout(CHARGE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
      }
      return Future.all(sets).mapEmpty();
    });
  }

  /** Returns the day's and the month's key; the braces keep both in one Redis Cluster slot. */
  static List<String> keys(String keyId, LocalDate today) {
    String base = PREFIX + "{" + keyId + "}:";
    return List.of(base + "day:" + today, base + "month:" + today.withDayOfMonth(1));
  }

  private static String dollars(double usd) {
    return BigDecimal.valueOf(usd).toPlainString();
  }

  @Override
  public List<SpendRow> drainUnsaved() {
    return local.drainUnsaved();
  }

  @Override
  public void keepUnsaved(List<SpendRow> rows) {
    local.keepUnsaved(rows);
  }

  @Override
  public LocalDate today() {
    return local.today();
  }

  @Override
  public long fallbacks() {
    return health.fallbacks();
  }

  @Override
  public Future<Void> close() {
    return redis.close();
  }

  /** Holds the shared totals last read or charged, and the day they belong to. */
  private record Seen(LocalDate day, SpendTotals totals) {}
}

package dev.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.MutableClock;
import dev.switchboard.gateway.RedisServer;
import dev.switchboard.gateway.limits.RateDecision.Dimension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks a key's budget check and rate-limit take in one Redis round trip ({@link
 * RedisBudgetLedger#checkAndAcquire} with the Redis limiter) against a real redis-server: refusals
 * by budget take nothing, refusals by rpm keep the totals, missing totals are seeded, two gateways
 * together admit exactly the limit, and Redis away falls back as the two separate calls do.
 */
class RedisBudgetedAcquireTest {
  private static final String KEY = "key_both";
  private static final SpendTotals SAVED = new SpendTotals(0.5, 2.0);
  private static final RateLimits RPM_3 = new RateLimits(3, null);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
  private final AtomicInteger seeds = new AtomicInteger();
  private Vertx vertx;
  private RedisServer redis;
  private int buckets;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    redis = RedisServer.start(Files.createDirectories(dir.resolve("redis")));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    redis.close();
  }

  /** One gateway's pair: the Redis limiter and the Redis ledger on {@code url}. */
  private record Shared(RedisRateLimiter limiter, RedisBudgetLedger ledger, SpendLedger local) {
    Future<BudgetedDecision> acquire(String bucket, Budgets budgets, RateLimits limits) {
      return ledger.checkAndAcquire(KEY, budgets, limiter, bucket, limits, 10);
    }
  }

  private Shared shared(String url, boolean failClosed) {
    SpendLedger local = new SpendLedger(clock);
    StoredSpend stored = (keyId, day) -> {
      seeds.incrementAndGet();
      return Future.succeededFuture(SAVED);
    };
    RedisRateLimiter limiter =
        new RedisRateLimiter(vertx, url, new LocalRateLimiter(clock), System::nanoTime, failClosed).connect().await();
    RedisBudgetLedger ledger =
        new RedisBudgetLedger(vertx, url, local, stored, failClosed, System::nanoTime).connect().await();
    return new Shared(limiter, ledger, local);
  }

  private String freshBucket() {
    return "key:test-" + (++buckets);
  }

  private List<String> totals() {
    return RedisBudgetLedger.keys(KEY, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
  }

  @Test
  void seedsMissingTotalsThenRefusesByRpmKeepingTheTotals() throws Exception {
    Shared gateway = shared(redis.url(), false);
    String bucket = freshBucket();
    Budgets budgets = new Budgets(1.0, null);

    List<BudgetedDecision> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      answers.add(gateway.acquire(bucket, budgets, RPM_3).await(5, TimeUnit.SECONDS));
    }

    assertThat(seeds.get()).isEqualTo(1);
    assertThat(redis.command("GET", totals().get(0))).isEqualTo("0.5");
    assertThat(answers).allSatisfy(a -> assertThat(a.spent()).isEqualTo(SAVED));
    assertThat(answers.subList(0, 3)).allSatisfy(a -> assertThat(a.rate().allowed()).isTrue());
    assertThat(answers.get(2).rate().requests().remaining()).isZero();
    RateDecision refused = answers.get(3).rate();
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.refusedOn()).isEqualTo(Dimension.REQUESTS);
    assertThat(gateway.ledger().spent(KEY)).isEqualTo(SAVED);
    assertThat(gateway.ledger().fallbacks() + gateway.limiter().fallbacks()).isZero();
  }

  @Test
  void aKeyFarFromItsBudgetsIsAdmittedFromLeasesAndNearThemEveryRequestAsksRedis() throws Exception {
    Shared gateway = shared(redis.url(), false);
    RateLimits large = new RateLimits(100_000, null); // leases of 100 requests
    String bucket = freshBucket();
    long callsBefore = redis.scriptCalls();
    for (int i = 0; i < 300; i++) {
      BudgetedDecision far = gateway.acquire(bucket, new Budgets(1_000.0, 10_000.0), large)
          .await(5, TimeUnit.SECONDS);
      assertThat(far.rate().allowed()).isTrue();
      assertThat(far.spent()).isEqualTo(SAVED);
    }
    // the first request sees the totals (no lease yet), the second takes a lease of 100, ...
    assertThat(redis.scriptCalls() - callsBefore).isBetween(4L, 8L);

    // over half of the day budget ($0.5 of $0.9): every request checks the totals in Redis
    long nearBefore = redis.scriptCalls();
    String near = freshBucket();
    for (int i = 0; i < 20; i++) {
      assertThat(gateway.acquire(near, new Budgets(0.9, null), large).await(5, TimeUnit.SECONDS).rate().allowed())
          .isTrue();
    }
    assertThat(redis.scriptCalls() - nearBefore).isEqualTo(20);
    assertThat(gateway.ledger().fallbacks() + gateway.limiter().fallbacks()).isZero();
  }

  @Test
  void aReachedDayOrMonthBudgetRefusesWithoutTakingFromTheBucket() throws Exception {
    Shared gateway = shared(redis.url(), false);
    redis.command("SET", totals().get(0), "1.25");
    redis.command("SET", totals().get(1), "4");
    String day = freshBucket();
    String month = freshBucket();
    String within = freshBucket();

    BudgetedDecision byDay = gateway.acquire(day, new Budgets(1.25, null), RPM_3).await(5, TimeUnit.SECONDS);
    BudgetedDecision byMonth = gateway.acquire(month, new Budgets(null, 4.0), RPM_3).await(5, TimeUnit.SECONDS);
    BudgetedDecision allowed = gateway.acquire(within, new Budgets(1.26, 4.01), RPM_3).await(5, TimeUnit.SECONDS);

    assertThat(byDay.rate()).isNull();
    assertThat(byDay.spent()).isEqualTo(new SpendTotals(1.25, 4.0));
    assertThat(byMonth.rate()).isNull();
    assertThat(redis.command("EXISTS", RedisRateLimiter.PREFIX + day)).isEqualTo("0");
    assertThat(redis.command("EXISTS", RedisRateLimiter.PREFIX + month)).isEqualTo("0");
    assertThat(allowed.rate().allowed()).isTrue();
    assertThat(allowed.rate().requests().remaining()).isEqualTo(2);
    assertThat(seeds.get()).isZero();
  }

  @Test
  void twoGatewaysTogetherAdmitExactlyTheLimitAndRefuseAllOnceTheBudgetIsReached() throws Exception {
    Shared a = shared(redis.url(), false);
    Shared b = shared(redis.url(), false);
    String bucket = freshBucket();
    Budgets budgets = new Budgets(0.75, null);
    RateLimits rpm50 = new RateLimits(50, null);
    // one call each first: seeds the totals and opens the connections, so the burst below is not
    // a cold start racing the 100 ms timeout (a timed-out call is decided by the gateway alone)
    a.acquire(freshBucket(), budgets, rpm50).await(5, TimeUnit.SECONDS);
    b.acquire(freshBucket(), budgets, rpm50).await(5, TimeUnit.SECONDS);

    List<Future<BudgetedDecision>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      calls.add((i % 2 == 0 ? a : b).acquire(bucket, budgets, rpm50));
    }
    Future.all(calls).await(20, TimeUnit.SECONDS);
    long admitted = calls.stream().filter(f -> f.result().rate().allowed()).count();
    assertThat(admitted).isEqualTo(50);

    // charged over the budget through one gateway: every later call of either is refused by budget
    a.ledger().charge(KEY, 0.25);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (a.local().spent(KEY).dayUsd() < 0.25 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    String fresh = freshBucket();
    List<Future<BudgetedDecision>> later = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      later.add((i % 2 == 0 ? a : b).acquire(fresh, budgets, rpm50));
    }
    Future.all(later).await(20, TimeUnit.SECONDS);
    assertThat(later).allSatisfy(f -> {
      assertThat(f.result().rate()).isNull();
      assertThat(f.result().spent().dayUsd()).isEqualTo(0.75);
    });
    assertThat(redis.command("EXISTS", RedisRateLimiter.PREFIX + fresh)).isEqualTo("0");
    assertThat(a.ledger().fallbacks() + b.ledger().fallbacks() + a.limiter().fallbacks() + b.limiter().fallbacks())
        .isZero();
  }

  @Test
  void withoutRedisFallsBackToTheLocalLedgerAndLimiterOrFailsWhenClosed() throws Exception {
    String gone = redis.url();
    redis.close();
    Shared open = shared(gone, false);
    Shared closed = shared(gone, true);
    open.local().charge(KEY, 0.25);

    BudgetedDecision within = open.acquire(freshBucket(), new Budgets(1.0, null), RPM_3).await(5, TimeUnit.SECONDS);
    BudgetedDecision over = open.acquire(freshBucket(), new Budgets(0.25, null), RPM_3).await(5, TimeUnit.SECONDS);
    Future<BudgetedDecision> refused = closed.acquire(freshBucket(), new Budgets(1.0, null), RPM_3);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!refused.isComplete() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertThat(within.spent()).isEqualTo(new SpendTotals(0.25, 0.25));
    assertThat(within.rate().allowed()).isTrue();
    assertThat(within.rate().requests().remaining()).isEqualTo(2);
    assertThat(over.rate()).isNull();
    assertThat(refused.failed()).isTrue();
    assertThat(refused.cause()).isInstanceOf(SharedStoreUnavailable.class);
    assertThat(open.ledger().fallbacks()).isPositive();
  }
}

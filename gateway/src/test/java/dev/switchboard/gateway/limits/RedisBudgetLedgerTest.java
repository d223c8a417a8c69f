package dev.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.gateway.MutableClock;
import dev.switchboard.gateway.RedisServer;
import dev.switchboard.gateway.auth.SpendRow;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the Redis budget ledger against a real redis-server: exact shared totals, seeding, failure modes. */
class RedisBudgetLedgerTest {
  private static final String KEY = "key_abc";
  // what the key store holds for the key when Redis has no total yet
  private static final SpendTotals SAVED = new SpendTotals(0.5, 2.0);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
  private final AtomicInteger seeds = new AtomicInteger();
  private Vertx vertx;
  private RedisServer redis;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    redis = RedisServer.start(Files.createDirectories(dir.resolve("redis")));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    redis.close();
  }

  private RedisBudgetLedger ledger(String url, SpendLedger local, boolean failClosed) throws Exception {
    StoredSpend stored = (keyId, day) -> {
      seeds.incrementAndGet();
      return Future.succeededFuture(SAVED);
    };
    return new RedisBudgetLedger(vertx, url, local, stored, failClosed, System::nanoTime)
        .connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void twoLedgersChargingConcurrentlyMakeOneExactTotalSeededOnce() throws Exception {
    SpendLedger localA = new SpendLedger(clock);
    SpendLedger localB = new SpendLedger(clock);
    RedisBudgetLedger a = ledger(redis.url(), localA, false);
    RedisBudgetLedger b = ledger(redis.url(), localB, false);
    int threads = 4;
    int charges = 500;
    double usd = 0x1p-13; // $0.000122..., a power of two: every partial sum is exact in binary
    List<Thread> chargers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      RedisBudgetLedger ledger = t % 2 == 0 ? a : b;
      Thread charger = new Thread(() -> {
        for (int i = 0; i < charges; i++) {
          ledger.charge(KEY, usd);
        }
      });
      chargers.add(charger);
      charger.start();
    }
    for (Thread charger : chargers) {
      charger.join();
    }
    double all = threads * charges * usd;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (localA.spent(KEY).dayUsd() + localB.spent(KEY).dayUsd() < all - 1e-12 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    SpendTotals shared = a.check(KEY).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(shared.dayUsd()).isEqualTo(SAVED.dayUsd() + all);
    assertThat(shared.monthUsd()).isEqualTo(SAVED.monthUsd() + all);
    assertThat(b.check(KEY).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(shared);
    // each ledger saves only its own increments: together, what was charged
    double savedA = daySum(a.drainUnsaved());
    double savedB = daySum(b.drainUnsaved());
    assertThat(savedA).isEqualTo(all / 2);
    assertThat(savedB).isEqualTo(all / 2);
    assertThat(a.fallbacks() + b.fallbacks()).isZero();
    // seeded by whichever charges found the totals missing; SET NX kept the first seed only
    assertThat(seeds.get()).isPositive();
    assertThat(a.spent(KEY).dayUsd()).isGreaterThanOrEqualTo(localA.spent(KEY).dayUsd());
  }

  @Test
  void aCheckSeedsMissingTotalsFromTheStoreWithoutOverwritingAnExistingOne() throws Exception {
    List<String> keys = RedisBudgetLedger.keys(KEY, clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate());
    redis.command("SET", keys.get(1), "7.25"); // the month's total is there, the day's is not
    RedisBudgetLedger ledger = ledger(redis.url(), new SpendLedger(clock), false);

    SpendTotals totals = ledger.check(KEY).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(totals).isEqualTo(new SpendTotals(SAVED.dayUsd(), 7.25));
    assertThat(redis.command("GET", keys.get(0))).isEqualTo("0.5");
    assertThat(Long.parseLong(redis.command("TTL", keys.get(0)))).isPositive();
    assertThat(seeds.get()).isEqualTo(1);
  }

  @Test
  void withoutRedisChecksFallBackToTheLocalLedgerOrFailWhenClosed() throws Exception {
    String gone = redis.url();
    redis.close();
    SpendLedger local = new SpendLedger(clock);
    RedisBudgetLedger open = ledger(gone, local, false);
    RedisBudgetLedger closed = ledger(gone, new SpendLedger(clock), true);

    open.charge(KEY, 0.25);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (local.spent(KEY).dayUsd() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertThat(open.check(KEY).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isEqualTo(new SpendTotals(0.25, 0.25));
    Future<SpendTotals> refused = closed.check(KEY);
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!refused.isComplete() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(refused.failed()).isTrue();
    assertThat(refused.cause()).isInstanceOf(SharedStoreUnavailable.class);
    assertThat(open.fallbacks()).isPositive();
    assertThat(closed.fallbacks()).isPositive();
    // what Redis missed is still saved by this gateway
    assertThat(daySum(open.drainUnsaved())).isEqualTo(0.25);
  }

  private static double daySum(List<SpendRow> rows) {
    return rows.stream().filter(r -> r.period().equals(SpendRow.DAY)).mapToDouble(SpendRow::spendUsd).sum();
  }
}

package dev.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.MutableClock;
import dev.switchboard.gateway.RedisServer;
import dev.switchboard.gateway.limits.RateDecision.Dimension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the shared limiter's script against a real Redis: the same answers as the local limiter,
 * exact under concurrency, idle buckets expiring, and failing open when Redis is gone. Redis's
 * clock runs, so waits are checked to within the test's own run time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisRateLimiterTest {
  @TempDir static Path dir;
  private RedisServer redis;
  private Vertx vertx;
  private RedisRateLimiter limiter;
  private int buckets;

  @BeforeAll
  void start() {
    redis = RedisServer.start(dir);
    vertx = Vertx.vertx();
    limiter = limiterFor(redis.url());
  }

  @AfterAll
  void stop() throws Exception {
    limiter.close().await(5, TimeUnit.SECONDS);
    vertx.close().await(5, TimeUnit.SECONDS);
    redis.close();
  }

  private RedisRateLimiter limiterFor(String url) {
    LocalRateLimiter local = new LocalRateLimiter(new MutableClock(Instant.parse("2026-03-10T12:00:00Z")));
    // a generous timeout: these tests are about exactness, and a starved machine must not fall back
    return new RedisRateLimiter(vertx, url, local, System::nanoTime, false, Duration.ofSeconds(2)).connect().await();
  }

  private String freshBucket() {
    return "test-" + (++buckets);
  }

  private static RateDecision await(Future<RateDecision> decision) throws Exception {
    return decision.await(5, TimeUnit.SECONDS);
  }

  @Test
  void requestsAreLimitedPerMinuteWithTheLocalLimitersHeaders() throws Exception {
    String bucket = freshBucket();
    RateLimits rpm6 = new RateLimits(6, null);
    RateDecision first = await(limiter.acquire(bucket, rpm6, 0));
    assertThat(first.allowed()).isTrue();
    assertThat(first.requests().limit()).isEqualTo(6);
    assertThat(first.requests().remaining()).isEqualTo(5);
    assertThat(first.requests().reset()).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
    assertThat(first.tokens()).isNull();
    for (int i = 0; i < 5; i++) {
      assertThat(await(limiter.acquire(bucket, rpm6, 0)).allowed()).isTrue();
    }
    RateDecision refused = await(limiter.acquire(bucket, rpm6, 0));

    assertThat(refused.refusedOn()).isEqualTo(Dimension.REQUESTS);
    assertThat(refused.requests().remaining()).isZero();
    assertThat(refused.requests().reset()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
    // a sixth of a minute per request, less what has refilled since the first
    assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    assertThat(limiter.fallbacks()).isZero();
  }

  @Test
  void tokensAreTakenUpFrontCorrectedByAdjustAndTooLargeIsRefused() throws Exception {
    String bucket = freshBucket();
    RateLimits tpm1000 = new RateLimits(null, 1_000L);
    assertThat(await(limiter.acquire(bucket, tpm1000, 100)).tokens().remaining()).isEqualTo(900);

    limiter.adjust(bucket, tpm1000, 0, 1_100); // the answer used 1,200 tokens, not 100
    RateDecision refused = awaitRefusal(bucket, tpm1000, 100);

    assertThat(refused.refusedOn()).isEqualTo(Dimension.TOKENS);
    assertThat(refused.tokens().remaining()).isZero();
    // 300 tokens missing at 1,000/min
    assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(17), Duration.ofSeconds(18));

    RateDecision tooLarge = await(limiter.acquire(freshBucket(), new RateLimits(100, 50L), 51));
    assertThat(tooLarge.refusedOn()).isEqualTo(Dimension.TOKENS);
    assertThat(tooLarge.requests().remaining()).isEqualTo(100); // nothing was taken
  }

  /** Acquires until the fire-and-forget adjust before it has landed (one round trip later). */
  private RateDecision awaitRefusal(String bucket, RateLimits limits, long tokens) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    RateDecision decision = await(limiter.acquire(bucket, limits, tokens));
    while (decision.allowed() && System.nanoTime() < deadline) {
      limiter.adjust(bucket, limits, -1, -tokens);
      Thread.sleep(5);
      decision = await(limiter.acquire(bucket, limits, tokens));
    }
    return decision;
  }

  @Test
  void concurrentCorrectionsOfOneBucketAddUpExactlyInFewerRoundTrips() throws Exception {
    String bucket = freshBucket();
    RateLimits tpm = new RateLimits(null, 1_000L);
    long started = System.nanoTime();
    await(limiter.acquire(bucket, tpm, 0));
    long callsBefore = redis.scriptCalls();
    int threads = 4;
    int each = 500;
    List<Thread> adjusters = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread adjuster = new Thread(() -> {
        for (int i = 0; i < each; i++) {
          limiter.adjust(bucket, tpm, 0, 7);
        }
      });
      adjusters.add(adjuster);
      adjuster.start();
    }
    for (Thread adjuster : adjusters) {
      adjuster.join();
    }
    // the answers used 14,000 tokens more than estimated: the bucket goes that far below zero
    long expected = 1_000L - threads * each * 7L;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (tokensLevel(bucket) > expected + 500 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    double refilled = 1_000.0 * (System.nanoTime() - started) / TimeUnit.MINUTES.toNanos(1);

    // refilled by at most the elapsed time's share of a minute; nothing lost or counted twice
    assertThat(tokensLevel(bucket)).isBetween((double) expected, expected + refilled + 1);
    assertThat(redis.scriptCalls() - callsBefore).isLessThan(threads * each);
    assertThat(limiter.fallbacks()).isZero();
  }

  private double tokensLevel(String bucket) {
    return Double.parseDouble(redis.command("HGET", RedisRateLimiter.PREFIX + bucket, "tl"));
  }

  @Test
  void aLargeLimitIsTakenInLeasesSoABusyBucketCostsOneRoundTripPerLease() throws Exception {
    String bucket = freshBucket();
    // a thousandth of each: leases of 100 requests and 100,000 tokens
    RateLimits large = new RateLimits(100_000, 100_000_000L);
    long callsBefore = redis.scriptCalls();
    for (int i = 0; i < 1_000; i++) {
      RateDecision decision = await(limiter.acquire(bucket, large, 50));
      assertThat(decision.allowed()).isTrue();
      // the headers count what this gateway holds unused as remaining, as one limiter would
      assertThat(decision.requests().remaining()).isBetween(100_000L - (i + 1), 100_000L);
      assertThat(decision.tokens().remaining()).isBetween(100_000_000L - 50L * (i + 1), 100_000_000L);
    }
    // 10 leases of 100; the idle-lease return (every second) may add one call and one lease
    assertThat(redis.scriptCalls() - callsBefore).isBetween(10L, 14L);
    assertThat(limiter.fallbacks()).isZero();
  }

  @Test
  void twoGatewaysLeasingOneLargeLimitNeverAdmitMoreThanItTogether() throws Exception {
    String bucket = freshBucket();
    RateLimits rpm = new RateLimits(4_000, null); // leases of 4 requests
    RedisRateLimiter other = limiterFor(redis.url());
    try {
      long started = System.nanoTime();
      List<Future<RateDecision>> decisions = new ArrayList<>();
      for (int wave = 0; wave < 300; wave++) {
        List<Future<RateDecision>> inFlight = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          inFlight.add((i % 2 == 0 ? limiter : other).acquire(bucket, rpm, 0));
        }
        for (Future<RateDecision> decision : inFlight) {
          await(decision);
        }
        decisions.addAll(inFlight);
      }
      double refilled = 4_000.0 * (System.nanoTime() - started) / TimeUnit.MINUTES.toNanos(1);
      long allowed = decisions.stream().filter(d -> d.result().allowed()).count();

      // a Redis call past its timeout (a starved machine) would decide locally: not this test's subject
      assertThat(limiter.fallbacks() + other.fallbacks()).isZero();
      // never over the limit (plus what refilled meanwhile); at most a lease per gateway unused
      assertThat((double) allowed).isBetween(4_000.0 - 2 * 4, 4_000.0 + refilled + 1);
      assertThat(decisions.get(decisions.size() - 1).result().allowed()).isFalse();
    } finally {
      other.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aLimitTooSmallToLeaseIsAskedRequestByRequest() throws Exception {
    String bucket = freshBucket();
    long callsBefore = redis.scriptCalls();
    for (int i = 0; i < 20; i++) {
      assertThat(await(limiter.acquire(bucket, new RateLimits(1_999, null), 0)).allowed()).isTrue();
    }
    assertThat(redis.scriptCalls() - callsBefore).isEqualTo(20);
  }

  @Test
  void fiftyConcurrentAcquiresAdmitExactlyTheRequestLimit() throws Exception {
    assertThat(admitted(freshBucket(), new RateLimits(20, 1_000_000L), 10)).isEqualTo(20);
  }

  @Test
  void fiftyConcurrentAcquiresAdmitExactlyTheTokenLimit() throws Exception {
    // 1,000 / 70 = 14 fit before the 100 requests do
    assertThat(admitted(freshBucket(), new RateLimits(100, 1_000L), 70)).isEqualTo(14);
  }

  private long admitted(String bucket, RateLimits limits, long tokens) throws Exception {
    // two limiters with their own connections, as two gateways would have
    RedisRateLimiter other = limiterFor(redis.url());
    try {
      List<Future<RateDecision>> decisions = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        RateLimiter which = i % 2 == 0 ? limiter : other;
        decisions.add(which.acquire(bucket, limits, tokens));
      }
      long allowed = 0;
      for (Future<RateDecision> decision : decisions) {
        allowed += await(decision).allowed() ? 1 : 0;
      }
      assertThat(limiter.fallbacks() + other.fallbacks()).isZero();
      return allowed;
    } finally {
      other.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRedisThatForgotTheScriptIsSentItAgainWithoutFallingBack() throws Exception {
    redis.command("SCRIPT", "FLUSH"); // as after a Redis restart
    long before = limiter.fallbacks();

    RateDecision decision = await(limiter.acquire(freshBucket(), new RateLimits(5, null), 0));

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.requests().remaining()).isEqualTo(4);
    assertThat(limiter.fallbacks()).isEqualTo(before);
  }

  @Test
  void anIdleBucketExpiresOnceItWouldBeFullAgain() throws Exception {
    String bucket = freshBucket();
    await(limiter.acquire(bucket, new RateLimits(60, 6_000L), 100));
    String key = RedisRateLimiter.PREFIX + bucket;
    // one request of 60 refills in 1 s, 100 tokens of 6,000 in 1 s: gone a second after that
    assertThat(Long.parseLong(redis.command("PTTL", key))).isBetween(1_000L, 2_000L);
  }

  @Test
  void aRedisThatIsGoneFailsOpenToTheLocalLimiterAndCounts() throws Exception {
    RedisServer gone = RedisServer.start(dir.resolve("..").normalize().resolve(dir.getFileName()));
    String url = gone.url();
    gone.close();
    RedisRateLimiter orphan = limiterFor(url);
    try {
      RateLimits rpm2 = new RateLimits(2, null);
      assertThat(await(orphan.acquire("gone", rpm2, 0)).allowed()).isTrue();
      assertThat(await(orphan.acquire("gone", rpm2, 0)).allowed()).isTrue();
      // still limited, by this process
      assertThat(await(orphan.acquire("gone", rpm2, 0)).allowed()).isFalse();
      // the failed connect, then each call while Redis is left alone
      assertThat(orphan.fallbacks()).isEqualTo(4);
    } finally {
      orphan.close().await(5, TimeUnit.SECONDS);
    }
  }
}

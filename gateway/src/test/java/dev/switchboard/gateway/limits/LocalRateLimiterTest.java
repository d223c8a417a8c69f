package dev.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.MutableClock;
import dev.switchboard.gateway.limits.RateDecision.Dimension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
  private final LocalRateLimiter limiter = new LocalRateLimiter(clock);

  private RateDecision acquire(RateLimits limits, long tokens) {
    return limiter.acquire("k", limits, tokens).result();
  }

  @Test
  void requestsRefillContinuouslyAtTheLimitPerMinute() {
    RateLimits rpm6 = new RateLimits(6, null);
    for (int i = 0; i < 6; i++) {
      assertThat(acquire(rpm6, 0).allowed()).isTrue();
    }
    RateDecision refused = acquire(rpm6, 0);

    assertThat(refused.refusedOn()).isEqualTo(Dimension.REQUESTS);
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(refused.requests()).isEqualTo(new LimitState(6, 0, Duration.ofSeconds(60)));
    assertThat(refused.tokens()).isNull();

    clock.advance(Duration.ofSeconds(10));
    RateDecision again = acquire(rpm6, 0);
    assertThat(again.allowed()).isTrue();
    assertThat(again.requests()).isEqualTo(new LimitState(6, 0, Duration.ofSeconds(60)));
  }

  @Test
  void tokensAreTakenUpFrontAndCorrectedFromRealUsage() {
    RateLimits tpm1000 = new RateLimits(null, 1_000L);
    RateDecision first = acquire(tpm1000, 100);
    assertThat(first.tokens().remaining()).isEqualTo(900);

    limiter.adjust("k", tpm1000, 0, 1_100); // the answer used 1,200 tokens, not 100

    RateDecision refused = acquire(tpm1000, 100);
    assertThat(refused.refusedOn()).isEqualTo(Dimension.TOKENS);
    assertThat(refused.tokens().remaining()).isZero();
    // 300 tokens missing at 1,000/min
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(18));
    clock.advance(Duration.ofSeconds(18));
    assertThat(acquire(tpm1000, 100).allowed()).isTrue();
  }

  @Test
  void aRequestLargerThanTheLimitIsRefusedAsTooLarge() {
    RateDecision refused = acquire(new RateLimits(100, 50L), 51);

    assertThat(refused.refusedOn()).isEqualTo(Dimension.TOKENS);
    assertThat(LimitErrors.rateLimited("key 'k'", refused).message())
        .startsWith("Request too large for key 'k' on tokens per min (TPM): Limit 50, Requested 51.");
    // nothing was taken
    assertThat(acquire(new RateLimits(100, 50L), 50).requests().remaining()).isEqualTo(99);
  }

  @Test
  void aRefusalTakesNothingAndARefundGivesBack() {
    RateLimits both = new RateLimits(2, 100L);
    assertThat(acquire(both, 60).allowed()).isTrue();
    assertThat(acquire(both, 60).refusedOn()).isEqualTo(Dimension.TOKENS);
    RateDecision afterRefusal = acquire(both, 40);
    assertThat(afterRefusal.requests().remaining()).isZero();
    assertThat(afterRefusal.tokens().remaining()).isZero();

    limiter.adjust("k", both, -1, -40);

    RateDecision afterRefund = acquire(both, 40);
    assertThat(afterRefund.allowed()).isTrue();
  }

  @Test
  void concurrentAcquirersNeverOvershoot() throws Exception {
    RateLimits limits = new RateLimits(50, 10_000L);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      calls.add(() -> {
        start.await();
        return acquire(limits, 150).allowed();
      });
    }
    List<Future<Boolean>> results = new ArrayList<>();
    calls.forEach(c -> results.add(pool.submit(c)));
    start.countDown();
    int allowed = 0;
    for (Future<Boolean> r : results) {
      allowed += r.get() ? 1 : 0;
    }
    pool.shutdown();

    // tokens bind first: 10,000 / 150 = 66 fit, but only 50 requests
    assertThat(allowed).isEqualTo(50);
  }
}

package dev.switchboard.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.gateway.limits.RateDecision.Dimension;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Limits rates in this process: one pair of token buckets (requests, tokens) per bucket name,
 * held in a Caffeine cache. Each pair is locked while checked and taken, so under any concurrency
 * a limit admits no more than it has; the only overshoot is real usage above the estimate of
 * requests already in flight. Idle buckets are dropped after an hour, long after they would have
 * refilled to full, so forgetting them changes nothing.
 */
public final class LocalRateLimiter implements RateLimiter {
  private final Cache<String, Buckets> buckets =
      Caffeine.newBuilder()
          .expireAfterAccess(Duration.ofHours(1))
          .maximumSize(1_000_000)
          .executor(Runnable::run) // upkeep inline: a common-pool task per few calls cost more
          .build();
  private final Clock clock;

  /** Creates a limiter that reads time from {@code clock} (a fixed clock stops refills in tests). */
  public LocalRateLimiter(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<RateDecision> acquire(String bucket, RateLimits limits, long tokens) {
    if (limits.unlimited()) {
      return Future.succeededFuture(RateDecision.unlimited(tokens));
    }
    return Future.succeededFuture(bucketsOf(bucket).acquire(limits, tokens, nowNanos()));
  }

  @Override
  public void adjust(String bucket, RateLimits limits, long requests, long tokens) {
    if (!limits.unlimited()) {
      bucketsOf(bucket).adjust(limits, requests, tokens, nowNanos());
    }
  }

  private Buckets bucketsOf(String name) {
    return buckets.get(name, n -> new Buckets());
  }

  private long nowNanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** Holds the two buckets of one name, created lazily as limits appear. */
  private static final class Buckets {
    private TokenBucket requests;
    private TokenBucket tokens;

    synchronized RateDecision acquire(RateLimits limits, long estimate, long now) {
      refill(limits, now);
      long needed = Math.max(1, estimate);
      if (tokens != null && needed > tokens.capacity()) {
        // can never fit: refuse like OpenAI's "Request too large", retry only helps if smaller
        return refused(Dimension.TOKENS, estimate, tokens.untilFull());
      }
      boolean requestFits = requests == null || requests.has(1);
      boolean tokensFit = tokens == null || tokens.has(needed);
      if (!requestFits || !tokensFit) {
        Duration wait = Duration.ZERO;
        if (!requestFits) {
          wait = requests.until(1);
        }
        if (!tokensFit && tokens.until(needed).compareTo(wait) > 0) {
          wait = tokens.until(needed);
        }
        return refused(requestFits ? Dimension.TOKENS : Dimension.REQUESTS, estimate, wait);
      }
      if (requests != null) {
        requests.take(1);
      }
      if (tokens != null) {
        tokens.take(estimate);
      }
      return new RateDecision(state(requests), state(tokens), null, estimate, null);
    }

    synchronized void adjust(RateLimits limits, long requestDelta, long tokenDelta, long now) {
      refill(limits, now);
      if (requests != null) {
        requests.take(requestDelta);
      }
      if (tokens != null) {
        tokens.take(tokenDelta);
      }
    }

    private RateDecision refused(Dimension on, long estimate, Duration wait) {
      return new RateDecision(state(requests), state(tokens), on, estimate, wait);
    }

    private void refill(RateLimits limits, long now) {
      requests = refill(requests, limits.requestsPerMinute() == null ? null : (long) limits.requestsPerMinute(), now);
      tokens = refill(tokens, limits.tokensPerMinute(), now);
    }

    private static TokenBucket refill(TokenBucket bucket, Long capacity, long now) {
      if (capacity == null) {
        return null;
      }
      if (bucket == null) {
        return new TokenBucket(capacity, now);
      }
      bucket.refill(capacity, now);
      return bucket;
    }

    private static LimitState state(TokenBucket bucket) {
      return bucket == null ? null : bucket.state();
    }
  }
}

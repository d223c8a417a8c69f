package dev.switchboard.gateway.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Holds the shares of large shared limits this gateway took from Redis ahead of its requests, so a
 * busy bucket costs one Redis round trip per lease instead of one per request.
 *
 * <p>A lease is a thousandth ({@link #SHARE_DIVISOR}) of a limit's per-minute capacity (60 ms of its refill), taken all or
 * nothing by the same script that admits single requests, so the fleet can never admit more than
 * the limit: what one gateway holds unused is only missing to the others for at most {@link
 * #IDLE_RETURN} (then given back) — and a token bucket refills it within 60 ms anyway. Only limits
 * large enough that a lease holds at least {@link #MIN_REQUESTS} requests (2,000 rpm and up) and
 * several requests' tokens are leased; smaller ones, and a bucket whose lease was just refused
 * (near its limit), are decided request by request, exactly as before.
 */
final class RateLeases {
  static final long SHARE_DIVISOR = 1_000;
  static final long MIN_REQUESTS = 2;
  static final long MAX_REQUESTS = 1_000;
  static final Duration IDLE_RETURN = Duration.ofSeconds(1);
  static final Duration EXACT_AFTER_REFUSAL = Duration.ofSeconds(1);

  private final Map<String, Lease> leases = new ConcurrentHashMap<>();
  private final LongSupplier nanos;

  RateLeases(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /** What a lease call asks for: requests and tokens to take at once. */
  record Ask(long requests, long tokens) {}

  /** A lease's unused units given back to the shared bucket. */
  record Leftover(String bucket, RateLimits limits, long requests, long tokens) {}

  /**
   * Takes one request and {@code tokens} from this gateway's lease of {@code bucket}, when it
   * holds enough, and answers as Redis would have (remaining = Redis's remaining + what is left).
   */
  Optional<RateDecision> take(String bucket, RateLimits limits, long tokens) {
    Lease lease = leases.get(bucket);
    if (lease == null) {
      return Optional.empty();
    }
    synchronized (lease) {
      if (!lease.limits.equals(limits) || lease.requests < 1 || (limits.tokensPerMinute() != null && lease.tokens < tokens)) {
        return Optional.empty();
      }
      lease.requests--;
      if (limits.tokensPerMinute() != null) {
        lease.tokens -= tokens;
      }
      return Optional.of(lease.decision(tokens));
    }
  }

  /**
   * Returns what to lease for a request of {@code tokens} on {@code bucket}, or empty when the
   * limits are too small to lease, the bucket was refused a lease a moment ago, or another lease
   * call for it is in flight (the request then goes alone).
   */
  Optional<Ask> ask(String bucket, RateLimits limits, long tokens) {
    Integer rpm = limits.requestsPerMinute();
    Long tpm = limits.tokensPerMinute();
    long requests = rpm == null ? 1 : Math.min(MAX_REQUESTS, rpm / SHARE_DIVISOR);
    long leaseTokens = tpm == null ? 0 : tpm / SHARE_DIVISOR;
    if ((rpm != null && requests < MIN_REQUESTS) || (tpm != null && leaseTokens < 2 * Math.max(1, tokens))) {
      return Optional.empty();
    }
    Lease lease = leases.computeIfAbsent(bucket, b -> new Lease(limits, nanos.getAsLong()));
    synchronized (lease) {
      long now = nanos.getAsLong();
      if (lease.fetching || now - lease.exactUntil < 0) {
        return Optional.empty();
      }
      lease.fetching = true;
      return Optional.of(new Ask(requests, tpm == null ? tokens : leaseTokens));
    }
  }

  /**
   * Records a granted lease: the caller's own request took one request and {@code tokens} of it,
   * the rest is held here. Returns the caller's decision.
   */
  RateDecision granted(String bucket, RateLimits limits, Ask ask, long tokens, RateDecision redis) {
    Lease lease = leases.computeIfAbsent(bucket, b -> new Lease(limits, nanos.getAsLong()));
    synchronized (lease) {
      lease.fetching = false;
      // units held under other limits (the key was edited meanwhile) are dropped: the bucket refills them
      boolean same = lease.limits.equals(limits);
      long heldRequests = same && limits.requestsPerMinute() != null ? lease.requests : 0;
      long heldTokens = same ? lease.tokens : 0;
      lease.limits = limits;
      lease.requests = limits.requestsPerMinute() == null ? Long.MAX_VALUE : heldRequests + ask.requests() - 1;
      lease.tokens = limits.tokensPerMinute() == null ? 0 : heldTokens + ask.tokens() - tokens;
      lease.requestState = redis.requests();
      lease.tokenState = redis.tokens();
      lease.grantedAt = nanos.getAsLong();
      return lease.decision(tokens);
    }
  }

  /** Records a refused or failed lease call: the bucket goes request by request for a while. */
  void refused(String bucket) {
    Lease lease = leases.get(bucket);
    if (lease != null) {
      synchronized (lease) {
        lease.fetching = false;
        lease.exactUntil = nanos.getAsLong() + EXACT_AFTER_REFUSAL.toNanos();
      }
    }
  }

  /** Ends a lease call that neither granted nor was refused (Redis failed). */
  void failed(String bucket) {
    Lease lease = leases.get(bucket);
    if (lease != null) {
      synchronized (lease) {
        lease.fetching = false;
      }
    }
  }

  /**
   * Takes the unused units of every lease granted more than {@link #IDLE_RETURN} ago (or of all
   * leases, when {@code all}) for the caller to give back, and forgets idle buckets.
   */
  List<Leftover> leftovers(boolean all) {
    long now = nanos.getAsLong();
    List<Leftover> out = new ArrayList<>();
    leases.forEach((bucket, lease) -> {
      synchronized (lease) {
        if (lease.fetching || (!all && now - lease.grantedAt < IDLE_RETURN.toNanos())) {
          return;
        }
        long requests = lease.limits.requestsPerMinute() == null ? 0 : Math.max(0, lease.requests);
        long tokens = Math.max(0, lease.tokens);
        if (requests > 0 || tokens > 0) {
          out.add(new Leftover(bucket, lease.limits, requests, tokens));
        }
        lease.requests = 0;
        lease.tokens = 0;
        if (now - lease.exactUntil >= 0) {
          leases.remove(bucket, lease);
        }
      }
    });
    return out;
  }

  /** One bucket's lease; guarded by its own monitor (two event loops share it). */
  private static final class Lease {
    RateLimits limits;
    long requests;
    long tokens;
    LimitState requestState;
    LimitState tokenState;
    long grantedAt;
    long exactUntil;
    boolean fetching;

    Lease(RateLimits limits, long now) {
      this.limits = limits;
      this.grantedAt = now;
      this.exactUntil = now; // nanoTime may be negative: "not before now", not zero
    }

    RateDecision decision(long tokens) {
      return new RateDecision(plus(requestState, requests), plus(tokenState, this.tokens), null, tokens, null);
    }

    private static LimitState plus(LimitState state, long left) {
      if (state == null) {
        return null;
      }
      long remaining = left == Long.MAX_VALUE ? state.remaining() : Math.min(state.limit(), state.remaining() + Math.max(0, left));
      return new LimitState(state.limit(), remaining, state.reset());
    }
  }
}

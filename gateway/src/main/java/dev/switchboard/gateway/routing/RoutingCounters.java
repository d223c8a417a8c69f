package dev.switchboard.gateway.routing;

import dev.switchboard.gateway.affinity.AffinityStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what routing did beyond choosing by strategy: sessions kept on, or moved off, their
 * target; targets skipped for a too-small context window; prompts trimmed by {@code middle-out}.
 * Counting is a {@link LongAdder} increment; meters read the adders.
 */
public final class RoutingCounters {
  /** Names what happened to a session's remembered target. */
  public enum AffinityOutcome {
    /** The remembered target was tried first. */
    HIT,
    /** The session had no remembered target (new, expired, or evicted). */
    MISS,
    /** The remembered target could not serve (breaker, cool-down, price cap, window): moved. */
    MOVED
  }

  private final LongAdder[] affinity = new LongAdder[AffinityOutcome.values().length];
  private final LongAdder contextSkips = new LongAdder();
  private final LongAdder middleOut = new LongAdder();
  private final RoutingMeters meters = new RoutingMeters();

  public RoutingCounters() {
    for (int i = 0; i < affinity.length; i++) {
      affinity[i] = new LongAdder();
    }
  }

  void affinity(AffinityOutcome outcome) {
    affinity[outcome.ordinal()].increment();
  }

  void contextSkip() {
    contextSkips.increment();
  }

  void middleOut() {
    middleOut.increment();
  }

  /** Returns how many lookups ended with {@code outcome}. */
  public long count(AffinityOutcome outcome) {
    return affinity[outcome.ordinal()].sum();
  }

  /** Returns the per-target attempt, fallback, retry and breaker meters. */
  public RoutingMeters meters() {
    return meters;
  }

  /** Returns how many prompts {@code middle-out} trimmed. */
  public long middleOutCount() {
    return middleOut.sum();
  }

  /** Registers the meters reading these counters and the affinity store's fallbacks. */
  public void bindTo(MeterRegistry registry, AffinityStore store) {
    for (AffinityOutcome outcome : AffinityOutcome.values()) {
      FunctionCounter.builder("gateway.affinity", affinity[outcome.ordinal()], LongAdder::sum)
          .description("Session affinity lookups by outcome")
          .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
    FunctionCounter.builder("gateway.affinity.store.fallbacks", store, AffinityStore::fallbacks)
        .description("Affinity lookups and writes served from local memory after a shared-store error")
        .register(registry);
    FunctionCounter.builder("gateway.routing.context.skips", contextSkips, LongAdder::sum)
        .description("Targets skipped because the prompt does not fit their context window")
        .register(registry);
    FunctionCounter.builder("gateway.transforms", middleOut, LongAdder::sum)
        .description("Prompts transformed before routing")
        .tag("transform", "middle-out")
        .register(registry);
    meters.bindTo(registry);
  }
}

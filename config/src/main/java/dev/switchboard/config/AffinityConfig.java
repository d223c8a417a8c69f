package dev.switchboard.config;

import java.time.Duration;

/**
 * Configures session affinity: a session's turns go back to the target that served it, so that the
 * provider's prompt cache for its growing prefix is hit instead of paid for again.
 *
 * @param enabled false routes every turn by the strategy alone
 * @param ttl an entry is forgotten this long after its last use (providers keep caches 5 min to 1 h)
 * @param maxEntries the most sessions remembered in memory (least recently used go first)
 */
public record AffinityConfig(boolean enabled, Duration ttl, long maxEntries) {

  /** Returns the defaults: off, 5 minutes after last use, 100,000 sessions. */
  public static AffinityConfig defaults() {
    return new AffinityConfig(false, Duration.ofMinutes(5), 100_000);
  }

  /** Returns the defaults, turned on. */
  public static AffinityConfig on() {
    AffinityConfig d = defaults();
    return new AffinityConfig(true, d.ttl, d.maxEntries);
  }
}

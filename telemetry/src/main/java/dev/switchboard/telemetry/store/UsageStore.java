package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.stats.AggregateSource;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Persists usage records and answers aggregate queries over them. Calls block: keep them off event loops. */
public interface UsageStore extends AutoCloseable {

  /** Appends records in one transaction. */
  void append(List<UsageRecord> records);

  /**
   * Appends the records whose id is not stored yet (nor earlier in {@code records}), for replays
   * of the journal that may repeat what a crash left unacknowledged. This default asks {@link
   * #findById} per record: stores override it with one query per batch.
   */
  default void appendIdempotent(List<UsageRecord> records) {
    Set<String> seen = new HashSet<>();
    append(records.stream().filter(r -> seen.add(r.id()) && findById(r.id()).isEmpty()).toList());
  }

  /** Summarizes the records with {@code from <= timestamp < to}. */
  UsageOverview overview(Instant from, Instant to);

  /**
   * Summarizes the records with {@code from <= timestamp < to} made with gateway key {@code
   * apiKeyId}; a null key id summarizes every key's records. Stores that cannot filter by key
   * refuse a non-null key rather than show other keys' records.
   */
  default UsageOverview overview(Instant from, Instant to, String apiKeyId) {
    if (apiKeyId == null) {
      return overview(from, to);
    }
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot filter by key");
  }

  /**
   * Sums the cost of the records made with each gateway key from {@code monthStart} (inclusive),
   * and from {@code dayStart} within that, up to {@code end} (exclusive): the spend a crash cannot
   * lose, since every answered request's record reaches the store (through the journal if need be).
   * Records without a key or a cost are left out.
   *
   * @throws UnsupportedOperationException for stores that only take records (test doubles)
   */
  default List<KeyCost> costByKey(Instant monthStart, Instant dayStart, Instant end) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot sum costs");
  }

  /** Reads back one request's record, with its upstream attempts; empty when it is not stored. */
  Optional<UsageRecord> findById(String id);

  /**
   * Counts all stored records.
   *
   * @throws UnsupportedOperationException for stores that only take records (test doubles)
   */
  default long count() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot count");
  }

  /**
   * Returns the stats aggregate queries over this store's records.
   *
   * @throws UnsupportedOperationException for stores that only take records (test doubles)
   */
  default AggregateSource aggregates() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " answers no stats");
  }

  /**
   * Returns whether the store answered its last call: false while a remote store is unreachable
   * (records wait in the writer's queue and journal meanwhile). Embedded stores are always reachable.
   */
  default boolean reachable() {
    return true;
  }

  @Override
  void close();
}

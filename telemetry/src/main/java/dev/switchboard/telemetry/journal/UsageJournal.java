package dev.switchboard.telemetry.journal;

import dev.switchboard.config.JournalConfig;
import dev.switchboard.telemetry.UsageRecord;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps every finished request's record on local disk until the store has it, so a crash of the
 * process loses none. A record enters twice: as a draft when its answer ends (what is known then:
 * no token counts of our own, no classification) and complete once built; the store writer says
 * which records it stored, and whatever it never stored is replayed, the complete entry when there
 * is one, else the draft.
 *
 * <p>{@link #draft} and {@link #complete} never block on I/O and never throw; the rest is called
 * by the store writer's one thread.
 */
public interface UsageJournal extends AutoCloseable {

  /** Reason recorded as {@code unclassified_reason} on records rebuilt from their draft. */
  String REPLAYED = "replayed";

  /** Journals the record as known when its answer ends; false when dropped (full) or disabled. */
  boolean draft(UsageRecord record);

  /** Journals the complete record; false when dropped (full) or disabled. */
  boolean complete(UsageRecord record);

  /** Forgets records that need no replay: stored, or refused for good. */
  void done(List<UsageRecord> records);

  /** Notes that the writer lost these records (queue full, store failed): replay must store them. */
  void orphaned(List<UsageRecord> records);

  /** Returns whether {@link #replay} has work: records of an earlier run, or orphaned ones. */
  boolean needsReplay();

  /**
   * Hands every journaled record that is neither stored nor still on its way to {@code store}, in
   * batches of at most {@code batchSize}; {@code store} must be idempotent by record id and throws
   * when it fails, which ends the replay (call again later). Returns how many records it handed over.
   */
  int replay(Consumer<List<UsageRecord>> store, int batchSize);

  /** Persists how far every entry is stored and deletes segments wholly behind that point. */
  void acknowledge();

  /** Returns the counters and disk use at this moment. */
  JournalStats stats();

  /** Forces what was written to disk and releases the files; unacknowledged entries stay. */
  @Override
  void close();

  /** Opens the journal {@code config} describes, or one that keeps nothing when it is disabled. */
  static UsageJournal open(JournalConfig config) {
    return config.enabled() ? MappedUsageJournal.open(config) : disabled();
  }

  /**
   * Deletes the journal {@code config} describes (its segments and acknowledgement), for a store
   * that is being replaced by an empty one: replaying an old journal into it would be wrong.
   */
  static void delete(JournalConfig config) {
    if (config.enabled()) {
      MappedUsageJournal.deleteFiles(config.dir());
    }
  }

  /** Returns a journal that keeps nothing. */
  static UsageJournal disabled() {
    return DisabledJournal.INSTANCE;
  }

  /** Keeps nothing: every record is only in memory until stored. */
  enum DisabledJournal implements UsageJournal {
    INSTANCE;

    @Override
    public boolean draft(UsageRecord record) {
      return false;
    }

    @Override
    public boolean complete(UsageRecord record) {
      return false;
    }

    @Override
    public void done(List<UsageRecord> records) {}

    @Override
    public void orphaned(List<UsageRecord> records) {}

    @Override
    public boolean needsReplay() {
      return false;
    }

    @Override
    public int replay(Consumer<List<UsageRecord>> store, int batchSize) {
      return 0;
    }

    @Override
    public void acknowledge() {}

    @Override
    public JournalStats stats() {
      return new JournalStats(0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public void close() {}
  }
}

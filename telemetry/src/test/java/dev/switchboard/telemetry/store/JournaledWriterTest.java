package dev.switchboard.telemetry.store;

import static dev.switchboard.telemetry.TestRecords.T0;
import static dev.switchboard.telemetry.TestRecords.success;
import static dev.switchboard.telemetry.TestRecords.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.JournalConfig;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.journal.UsageJournal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal in front of a real DuckDB store: replays are idempotent, outages and crashes lose nothing. */
class JournaledWriterTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private JournalConfig journalConfig() {
    return new JournalConfig(true, dir.resolve("journal"), Duration.ofMillis(100), 64 << 20, 1 << 20);
  }

  @Test
  void replayingRecordsAlreadyStoredDoesNotDuplicateRows() throws Exception {
    try (DuckDbUsageStore store = DuckDbUsageStore.open(dir.resolve("usage.duckdb"))) {
      List<UsageRecord> records = records(0, 50);
      store.append(records.subList(0, 30));

      List<UsageRecord> replay = new ArrayList<>(records.subList(20, 50));
      replay.add(records.get(45)); // twice within one batch too
      store.appendIdempotent(replay);
      store.appendIdempotent(records);

      assertThat(store.count()).isEqualTo(50);
      assertThat(distinctIds(store)).isEqualTo(50);
      assertThat(store.findById("r49")).contains(records.get(49).withProviderAttempts(List.of()));
    }
  }

  @Test
  void recordsJournaledBeforeACrashAreStoredExactlyOnceOnTheNextStart() throws Exception {
    Path file = dir.resolve("usage.duckdb");
    List<UsageRecord> records = records(0, 500);
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file)) {
      UsageJournal journal = UsageJournal.open(journalConfig());
      for (UsageRecord r : records) {
        journal.complete(r);
      }
      // stored, but the process dies before the journal hears of it: the replay meets them again
      store.append(records.subList(0, 200));
      journal.close(); // only forces: nothing was acknowledged, as after kill -9
    }

    try (DuckDbUsageStore store = DuckDbUsageStore.open(file);
        UsageJournal journal = UsageJournal.open(journalConfig());
        AsyncUsageWriter writer = AsyncUsageWriter.start(store, journal, 1024, 256, Duration.ofMillis(20))) {
      awaitCount(store, 500);
      assertThat(distinctIds(store)).isEqualTo(500);
      // the replay counter moves after its batch is stored: on a loaded machine it may trail the rows
      awaitAcknowledged(journal);
      assertThat(journal.stats().replayed()).isEqualTo(500);
    }
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file);
        UsageJournal journal = UsageJournal.open(journalConfig());
        AsyncUsageWriter writer = AsyncUsageWriter.start(store, journal, 1024, 256, Duration.ofMillis(20))) {
      Thread.sleep(300);
      assertThat(journal.stats().replayed()).isZero(); // replayed once, not on every start
      assertThat(store.count()).isEqualTo(500);
    }
  }

  @Test
  void aStoreOutageLosesNothingWhileTheQueueOverflows() throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    try (DuckDbUsageStore real = DuckDbUsageStore.open(dir.resolve("usage.duckdb"));
        UsageJournal journal = UsageJournal.open(journalConfig())) {
      UsageStore flaky = new FlakyStore(real, down);
      try (AsyncUsageWriter writer = AsyncUsageWriter.start(flaky, journal, 64, 32, Duration.ofMillis(10))) {
        for (UsageRecord r : records(0, 2000)) {
          writer.accept(r);
        }
        Thread.sleep(200);
        assertThat(real.count()).isZero();
        assertThat(writer.stats().dropped() + writer.stats().failed()).isPositive();
        assertThat(journal.stats().pendingRecords()).isEqualTo(2000);

        down.set(false);
        awaitCount(real, 2000);
        assertThat(distinctIds(real)).isEqualTo(2000);
        awaitAcknowledged(journal);
      }
    }
  }

  private static void awaitCount(DuckDbUsageStore store, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (store.count() < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(store.count()).isEqualTo(expected);
  }

  private static void awaitAcknowledged(UsageJournal journal) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (journal.stats().unstoredBytes() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(journal.stats().unstoredBytes()).isZero();
    assertThat(journal.stats().pendingRecords()).isZero();
  }

  private static long distinctIds(DuckDbUsageStore store) throws Exception {
    try (Connection c = store.reader();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(DISTINCT id) FROM usage_records")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<UsageRecord> records(int from, int to) {
    List<UsageRecord> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      records.add(success("r" + i, T0.plusMillis(i), "gpt-4o", tokens(100, 10), 0.001));
    }
    return records;
  }

  /** Refuses every call while {@code down} is set, like a store whose server is unreachable. */
  private record FlakyStore(UsageStore delegate, AtomicBoolean down) implements UsageStore {
    private void check() {
      if (down.get()) {
        throw new UsageStoreException("store unreachable", null);
      }
    }

    @Override
    public void append(List<UsageRecord> records) {
      check();
      delegate.append(records);
    }

    @Override
    public void appendIdempotent(List<UsageRecord> records) {
      check();
      delegate.appendIdempotent(records);
    }

    @Override
    public UsageOverview overview(Instant from, Instant to) {
      return delegate.overview(from, to);
    }

    @Override
    public Optional<UsageRecord> findById(String id) {
      return delegate.findById(id);
    }

    @Override
    public void close() {}
  }
}

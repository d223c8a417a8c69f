package dev.switchboard.telemetry.store;

import static dev.switchboard.telemetry.TestRecords.T0;
import static dev.switchboard.telemetry.TestRecords.success;
import static dev.switchboard.telemetry.TestRecords.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.switchboard.config.TelemetryConfig;
import dev.switchboard.telemetry.UsageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncUsageWriterTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final DuckDbUsageStore store = DuckDbUsageStore.inMemory();

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void tenThousandRecordsLandInTheStore() throws Exception {
    TelemetryConfig config = new TelemetryConfig(null, 16_384, 512, Duration.ofMillis(20));
    try (AsyncUsageWriter writer = AsyncUsageWriter.start(store, config)) {
      for (int i = 0; i < 10_000; i++) {
        writer.accept(record(i));
      }
      assertThat(writer.awaitWritten(10_000, WAIT)).isTrue();
      assertThat(writer.stats())
          .isEqualTo(new UsageWriterStats(10_000, 10_000, 0, 0, 0, 16_384));
    }
    assertThat(store.count()).isEqualTo(10_000);
  }

  @Test
  void closeWritesRecordsStillGatheringForTheirBatchWithoutWaitingForTheInterval() {
    // a minute-long flush interval: only close() can get this record written
    try (AsyncUsageWriter writer = AsyncUsageWriter.start(store, 100, 50, Duration.ofMinutes(1))) {
      writer.accept(record(1));
      writer.accept(record(2));
    }
    assertThat(store.count()).isEqualTo(2);
  }

  @Test
  void fullQueueDropsAndCountsWithoutBlocking() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    UsageStore slow =
        new DelegatingStore(
            store,
            () -> {
              entered.countDown();
              await(release);
            });
    try (AsyncUsageWriter writer = AsyncUsageWriter.start(slow, 10, 5, Duration.ZERO)) {
      writer.accept(record(0));
      entered.await(); // the writer thread now holds a batch of one, stuck in the store
      // Would hang (and time out) if accept() waited for queue space.
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () -> {
            for (int i = 1; i <= 1_000; i++) {
              writer.accept(record(i));
            }
          });
      assertThat(writer.stats()).isEqualTo(new UsageWriterStats(11, 0, 990, 0, 10, 10));

      release.countDown();
      assertThat(writer.flush(WAIT)).isTrue();
      assertThat(writer.stats().written()).isEqualTo(11);
    }
    assertThat(store.count()).isEqualTo(11);
  }

  @Test
  void closeFlushesEverythingQueuedAndLeavesTheStoreOpen() {
    AsyncUsageWriter writer = AsyncUsageWriter.start(store, 1_000, 10_000, Duration.ofHours(1));
    for (int i = 0; i < 100; i++) {
      writer.accept(record(i));
    }
    writer.close();

    assertThat(store.count()).isEqualTo(100);
    assertThat(writer.stats().written()).isEqualTo(100);
    writer.accept(record(100));
    assertThat(writer.stats().dropped()).isEqualTo(1);
    assertThat(threadNamed(AsyncUsageWriter.THREAD_NAME)).isFalse();
  }

  @Test
  void batchThatFailsOnceIsRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    UsageStore flaky =
        new DelegatingStore(
            store,
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("disk hiccup");
              }
            });
    try (AsyncUsageWriter writer = AsyncUsageWriter.start(flaky, 100, 100, Duration.ofMillis(50))) {
      for (int i = 0; i < 3; i++) {
        writer.accept(record(i));
      }
      assertThat(writer.flush(WAIT)).isTrue();
      assertThat(writer.stats().written()).isEqualTo(3);
      assertThat(writer.stats().failed()).isZero();
    }
    assertThat(calls.get()).isEqualTo(2);
    assertThat(store.count()).isEqualTo(3);
  }

  @Test
  void batchThatFailsTwiceIsCountedAndTheWriterCarriesOn() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    UsageStore broken =
        new DelegatingStore(
            store,
            () -> {
              if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("disk full");
              }
            });
    try (AsyncUsageWriter writer = AsyncUsageWriter.start(broken, 100, 100, Duration.ZERO)) {
      writer.accept(record(0));
      assertThat(writer.flush(WAIT)).isTrue();
      assertThat(writer.stats().failed()).isEqualTo(1);

      writer.accept(record(1));
      assertThat(writer.flush(WAIT)).isTrue();
      assertThat(writer.stats().written()).isEqualTo(1);
    }
    assertThat(store.findById("r1")).isPresent();
  }

  @Test
  void invalidRecordIsRefusedAloneInsteadOfFailingItsBatch() throws Exception {
    try (AsyncUsageWriter writer = AsyncUsageWriter.start(store, 100, 100, Duration.ofMillis(50))) {
      writer.accept(record(0));
      writer.accept(success(null, T0, "m", tokens(1, 1), null));
      writer.accept(null);
      writer.accept(record(1));
      assertThat(writer.flush(WAIT)).isTrue();
      assertThat(writer.stats()).isEqualTo(new UsageWriterStats(2, 2, 1, 1, 0, 100));
    }
  }

  @Test
  void writesOnOneNamedDaemonThread() {
    try (AsyncUsageWriter writer = AsyncUsageWriter.start(store, 10, 10, Duration.ZERO)) {
      assertThat(
              Thread.getAllStackTraces().keySet().stream()
                  .filter(t -> t.getName().equals(AsyncUsageWriter.THREAD_NAME))
                  .allMatch(Thread::isDaemon))
          .isTrue();
      assertThat(threadNamed(AsyncUsageWriter.THREAD_NAME)).isTrue();
    }
  }

  private static UsageRecord record(int i) {
    return success("r" + i, T0.plusMillis(i), "gpt-4o", tokens(100, 10), 0.001);
  }

  private static boolean threadNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs a hook before each append, then delegates; lets tests slow down or break the store. */
  private record DelegatingStore(UsageStore delegate, Runnable beforeAppend) implements UsageStore {
    @Override
    public void append(List<UsageRecord> records) {
      beforeAppend.run();
      delegate.append(records);
    }

    @Override
    public UsageOverview overview(Instant from, Instant to) {
      return delegate.overview(from, to);
    }

    @Override
    public java.util.Optional<UsageRecord> findById(String id) {
      return delegate.findById(id);
    }

    @Override
    public void close() {}
  }
}

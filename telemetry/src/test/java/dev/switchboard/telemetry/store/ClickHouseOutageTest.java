package dev.switchboard.telemetry.store;

import static dev.switchboard.telemetry.TestRecords.record;
import static dev.switchboard.telemetry.TestRecords.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.config.JournalConfig;
import dev.switchboard.config.TelemetryConfig;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.journal.JournalStats;
import dev.switchboard.telemetry.journal.UsageJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * ClickHouse goes away while the gateway's writer path (the {@link AsyncUsageWriter} in front of a
 * journal, as the gateway wires them) keeps taking records: nothing is lost and nothing is stored
 * twice. The minute-long outage makes this the slowest telemetry test (75-115 s on a busy machine).
 */
class ClickHouseOutageTest {
  private static final int RATE_PER_SECOND = 200;
  private static final Duration OUTAGE = Duration.ofSeconds(60);
  private static final long JOURNAL_MAX_BYTES = 32L << 20;

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger httpLog = (Logger) LoggerFactory.getLogger(ClickHouseHttp.class);
  private final Logger storeLog = (Logger) LoggerFactory.getLogger(ClickHouseUsageStore.class);

  @BeforeEach
  void captureLogs() {
    logs.start();
    httpLog.addAppender(logs);
    storeLog.addAppender(logs);
    httpLog.setLevel(Level.INFO);
  }

  @AfterEach
  void releaseLogs() {
    httpLog.detachAppender(logs);
    storeLog.detachAppender(logs);
    httpLog.setLevel(null);
  }

  private JournalConfig journal() {
    return new JournalConfig(true, dir.resolve("journal"), Duration.ofMillis(100), JOURNAL_MAX_BYTES, 1 << 20);
  }

  @Test
  void aMinuteWithoutClickHouseUnderSteadyLoadLosesNoRecordAndStoresNoneTwice() throws Exception {
    ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
    AtomicLong sent = new AtomicLong();
    long maxUnstored = 0;
    boolean reachableDuringOutage = true;
    try (ClickHouseServer server = ClickHouseServer.start(dir.resolve("clickhouse"));
        ClickHouseUsageStore store = ClickHouseUsageStore.open(server.location("outage"), ClickHouseServer.PASSWORD);
        UsageJournal journal = UsageJournal.open(journal());
        // a queue far smaller than the outage's records: past it, only the journal holds them
        AsyncUsageWriter writer = AsyncUsageWriter.start(store, journal, 1_000, 512, Duration.ofMillis(50))) {
      Instant t0 = Instant.now();
      // a steady 200 records/s, one every 5 ms, as the gateway hands them over
      load.scheduleAtFixedRate(() -> {
        long n = sent.getAndIncrement();
        writer.accept(record("out-" + n, t0.plusMillis(n * 5), "gpt-4o", "gpt-4o", "openai", tokens(10, 5),
            Outcome.SUCCESS, 0.001));
      }, 0, 1_000_000 / RATE_PER_SECOND, TimeUnit.MICROSECONDS);
      assertThat(writer.awaitWritten(RATE_PER_SECOND, Duration.ofSeconds(30))).isTrue();

      server.stop();
      long downAt = System.nanoTime();
      while (System.nanoTime() - downAt < OUTAGE.toNanos()) {
        Thread.sleep(1_000);
        maxUnstored = Math.max(maxUnstored, journal.stats().unstoredBytes());
        reachableDuringOutage &= store.reachable();
      }
      long sentDuringOutage = sent.get();
      server.restart();
      Thread.sleep(1_000); // records keep coming while the backlog drains
      load.shutdown();
      assertThat(load.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      long total = sent.get();

      assertThat(eventually(() -> journal.stats().pendingRecords() == 0 && storedCount(server).equals(total + "\t" + total),
          Duration.ofSeconds(90)))
          .as("stored (count, distinct ids) %s of %d sent; journal %s", storedCount(server), total, journal.stats())
          .isTrue();
      JournalStats stats = journal.stats();
      assertThat(stats.dropped()).as("records the journal refused").isZero();
      assertThat(maxUnstored).as("journal backlog at its peak").isPositive().isLessThanOrEqualTo(JOURNAL_MAX_BYTES);
      // the queue overflowed during the outage: what it dropped came back from the journal
      assertThat(writer.stats().dropped()).isPositive();
      assertThat(stats.replayed()).isGreaterThanOrEqualTo(writer.stats().dropped());
      assertThat(writer.stats().failed()).isZero();
      assertThat(sentDuringOutage).isGreaterThan(OUTAGE.toSeconds() * RATE_PER_SECOND / 2);
      assertThat(reachableDuringOutage).isFalse();
      assertThat(store.reachable()).isTrue();
      assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
          .contains("ClickHouse insert at").contains("failed").contains("retrying"));
      assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
          .contains("answers again; insert went through"));
    } finally {
      load.shutdownNow();
    }
  }

  @Test
  void aStoreOpenedWhileClickHouseIsDownCreatesItsTablesAndStoresTheRecordsWhenItComesBack() throws Exception {
    try (ClickHouseServer server = ClickHouseServer.start(dir.resolve("clickhouse"))) {
      server.stop();
      TelemetryConfig config = TelemetryConfig.defaults().withClickHouse(server.location("late"));
      try (UsageStore store = UsageStores.openUsage(config);
          UsageJournal journal = UsageJournal.open(journal());
          AsyncUsageWriter writer = AsyncUsageWriter.start(store, journal, 1_000, 512, Duration.ofMillis(20))) {
        assertThat(store.reachable()).isFalse();
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
            .contains("is unreachable").contains("opens anyway").doesNotContain(ClickHouseServer.PASSWORD));
        Instant t0 = Instant.now();
        for (int i = 0; i < 300; i++) {
          writer.accept(record("late-" + i, t0.plusMillis(i), "gpt-4o", "gpt-4o", "openai", tokens(3, 4), Outcome.SUCCESS, 0.01));
        }
        Thread.sleep(1_000);
        assertThat(writer.stats().written()).isZero();
        server.restart();
        assertThat(writer.flush(Duration.ofSeconds(60))).isTrue();
        assertThat(server.query("SELECT count(), uniqExact(id) FROM late.usage_records").strip()).isEqualTo("300\t300");
        assertThat(store.count()).isEqualTo(300);
        assertThat(store.reachable()).isTrue();
      }
    }
  }

  private static String storedCount(ClickHouseServer server) {
    try {
      return server.query("SELECT count(), uniqExact(id) FROM outage.usage_records").strip();
    } catch (RuntimeException e) {
      return e.toString();
    }
  }

  private static boolean eventually(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(200);
    }
    return true;
  }
}

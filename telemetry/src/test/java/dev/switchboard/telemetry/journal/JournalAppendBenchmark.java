package dev.switchboard.telemetry.journal;

import dev.switchboard.config.JournalConfig;
import dev.switchboard.telemetry.JmhRatios;
import dev.switchboard.telemetry.TestRecords;
import dev.switchboard.telemetry.UsageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures what journaling a finished record costs the event loop: {@link UsageJournal#draft}
 * (encode, checksum, copy into the mapped segment under the lock, remember the id) from two
 * threads, as from two event loops, into real segment files on disk while a background thread
 * acknowledges, so segments roll and are deleted as in the gateway. Baselines in the same run: a
 * bare {@link ArrayBlockingQueue#offer} (the in-memory hand-off of today) and a record copy (about
 * what building the draft record costs); {@code encodeOnly} splits the journal's own cost. Not
 * part of {@code mvn verify}; run {@link #main} from the test classpath.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
@Threads(2)
public class JournalAppendBenchmark {
  private final UsageRecord record =
      TestRecords.success("chatcmpl-8c83905efe92bb75572521ed317626d0",
          TestRecords.T0, "openai/gpt-4o-mini", TestRecords.tokens(1200, 340), 0.00042);
  private Path dir;
  private UsageJournal journal;
  private ArrayBlockingQueue<UsageRecord> queue;
  private Thread background;
  private volatile boolean stop;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory(Path.of("target"), "jmh-journal");
    journal = UsageJournal.open(new JournalConfig(true, dir, Duration.ofSeconds(1),
        JournalConfig.DEFAULT_MAX_BYTES, JournalConfig.DEFAULT_SEGMENT_BYTES));
    queue = new ArrayBlockingQueue<>(65_536);
    background = new Thread(() -> {
      List<UsageRecord> batch = new ArrayList<>();
      while (!stop) {
        queue.drainTo(batch, 4_096);
        batch.clear();
        // the one id is stored over and over: acknowledging lets old segments go
        journal.done(List.of(record));
        journal.acknowledge();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // the writer acknowledges per batch
      }
    });
    background.setDaemon(true);
    background.start();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    stop = true;
    background.join();
    journal.close();
    MappedUsageJournal.deleteFiles(dir);
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public boolean baselineQueueOffer() {
    return queue.offer(record);
  }

  @Benchmark
  public UsageRecord baselineRecordCopy() {
    return record.toBuilder().build();
  }

  @Benchmark
  public int encodeOnly(Encoder encoder) {
    encoder.out.reset();
    RecordCodec.encode(record, encoder.out);
    return encoder.out.size;
  }

  /** One output buffer per benchmark thread, as the journal keeps one per thread. */
  @State(Scope.Thread)
  public static class Encoder {
    final RecordCodec.Output out = new RecordCodec.Output();
  }

  @Benchmark
  public boolean journalDraft() {
    return journal.draft(record);
  }

  public static void main(String[] args) throws Exception {
    JmhRatios.run(JournalAppendBenchmark.class, "baselineQueueOffer");
    RecordCodec.Output out = new RecordCodec.Output();
    RecordCodec.encode(new JournalAppendBenchmark().record, out);
    System.out.printf("entry size: %d bytes payload + %d header%n", out.size, JournalSegment.ENTRY_HEADER);
  }
}

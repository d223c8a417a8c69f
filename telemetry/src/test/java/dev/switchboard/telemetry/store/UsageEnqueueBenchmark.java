package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.JmhRatios;
import dev.switchboard.telemetry.TestRecords;
import dev.switchboard.telemetry.UsageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * Measures what handing a finished record to telemetry costs the caller: {@link
 * AsyncUsageWriter#accept} from two threads while the writer thread drains into a store that
 * keeps nothing (so the figure is the queue hand-off, not DuckDB). Baseline: a bare {@link
 * ArrayBlockingQueue#offer} drained by a thread the same way. Not part of {@code mvn verify}; run
 * {@link #main} from the test classpath.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
@Threads(2)
public class UsageEnqueueBenchmark {
  private final UsageRecord record =
      TestRecords.success("chatcmpl-1", Instant.parse("2026-01-01T00:00:00Z"), "gpt-4o",
          TestRecords.tokens(12, 7), 0.0001);
  private AsyncUsageWriter writer;
  private ArrayBlockingQueue<UsageRecord> queue;
  private Thread drainer;
  private volatile boolean stop;

  @Setup(Level.Trial)
  public void setUp() {
    writer = AsyncUsageWriter.start(new DiscardingStore(), 65_536, 4_096, Duration.ofMillis(200));
    queue = new ArrayBlockingQueue<>(65_536);
    drainer = new Thread(() -> {
      List<UsageRecord> batch = new ArrayList<>();
      while (!stop) {
        queue.drainTo(batch, 4_096);
        batch.clear();
        Thread.onSpinWait();
      }
    });
    drainer.setDaemon(true);
    drainer.start();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    stop = true;
    writer.close();
  }

  @Benchmark
  public boolean baselineQueueOffer() {
    return queue.offer(record);
  }

  @Benchmark
  public void writerAccept() {
    writer.accept(record);
  }

  public static void main(String[] args) throws Exception {
    JmhRatios.run(UsageEnqueueBenchmark.class, "baselineQueueOffer");
  }

  /** Keeps nothing: the benchmark measures the hand-off, not the database. */
  private static final class DiscardingStore implements UsageStore {
    @Override
    public void append(List<UsageRecord> records) {}

    @Override
    public UsageOverview overview(Instant from, Instant to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<UsageRecord> findById(String id) {
      return Optional.empty();
    }

    @Override
    public void close() {}
  }
}

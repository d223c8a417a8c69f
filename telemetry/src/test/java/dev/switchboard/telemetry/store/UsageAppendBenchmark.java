package dev.switchboard.telemetry.store;

import dev.switchboard.config.catalog.SizeClass;
import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.Classification;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.ModelFacts;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.ProviderAttempt;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Measures the CPU that storing usage records costs per record: one thread appends batches of
 * gateway-like records (one key, one model, every field a successful streamed chat request fills)
 * to a file-backed {@link DuckDbUsageStore} in a temp dir, the way {@link AsyncUsageWriter} does,
 * and reports process CPU per record (JVM and DuckDB's native threads alike), split into the
 * appending thread, DuckDB's threads (they take the name of the thread that opened the database)
 * and the rest (GC, JIT), plus records per second of append wall time.
 *
 * <p>Not part of {@code mvn verify}. Run {@code telemetry/bench/append-benchmark.sh [rows] [batch]
 * [warmupRows]}; {@code -Dbench.set="SET threads=1;..."} tries DuckDB settings without a rebuild.
 * Linux only (reads {@code /proc}); tick resolution is 10 ms, so measure a few seconds at least.
 */
public final class UsageAppendBenchmark {
  private static final String THREAD = "usage-bench"; // DuckDB's threads inherit it (15 chars max)
  private static final long TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

  private final SplittableRandom random = new SplittableRandom(42);
  private Instant clock = Instant.parse("2026-03-02T09:00:00.123456789Z");

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 340_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 3_400;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 68_000;
    Result[] out = new Result[1];
    Throwable[] failure = new Throwable[1];
    Thread t = new Thread(() -> {
      try {
        out[0] = new UsageAppendBenchmark().run(rows, batch, warmup);
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, THREAD);
    t.start();
    t.join();
    if (failure[0] != null) {
      throw new IllegalStateException(failure[0]);
    }
    System.out.println(out[0]);
  }

  private Result run(int rows, int batch, int warmup) throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
    Path dir = Files.createTempDirectory("usage-append-bench");
    try (DuckDbUsageStore store = DuckDbUsageStore.open(dir.resolve("usage.duckdb"))) {
      applySettings(store, System.getProperty("bench.set", ""));
      int warmed = 0;
      while (warmed < warmup) {
        store.append(batch(batch));
        warmed += batch;
      }
      long process0 = os.getProcessCpuTime();
      long thread0 = threads.getCurrentThreadCpuTime();
      long native0 = namedTaskTicks(self);
      long generation = 0;
      long appendWall = 0;
      int written = 0;
      int checkpoints = 0;
      int batches = 0;
      long peakMemory = 0;
      long peakTemp = 0;
      long wal = walBytes(dir);
      while (written < rows) {
        long g0 = threads.getCurrentThreadCpuTime();
        List<UsageRecord> records = batch(batch);
        generation += threads.getCurrentThreadCpuTime() - g0;
        long w0 = System.nanoTime();
        store.append(records);
        appendWall += System.nanoTime() - w0;
        written += records.size();
        long walNow = walBytes(dir);
        checkpoints += walNow < wal ? 1 : 0; // a checkpoint truncates the write-ahead log
        wal = walNow;
        if (++batches % 10 == 0) {
          long[] memory = duckMemory(store);
          peakMemory = Math.max(peakMemory, memory[0]);
          peakTemp = Math.max(peakTemp, memory[1]);
        }
      }
      long process = os.getProcessCpuTime() - process0 - generation;
      long writer = threads.getCurrentThreadCpuTime() - thread0 - generation;
      long duck = (namedTaskTicks(self) - native0) * TICK_NANOS;
      long fileBytes = Files.size(dir.resolve("usage.duckdb"));
      if (store.count() != warmed + written) {
        throw new IllegalStateException("row count mismatch: " + store.count());
      }
      return new Result(written, process, writer, duck, appendWall, fileBytes, checkpoints, peakMemory, peakTemp);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Runs {@code ;}-separated SET statements (from {@code -Dbench.set=...}) on a reader connection;
   * global settings such as {@code threads} apply to the whole database, so settings can be
   * compared without rebuilding the store.
   */
  private static void applySettings(DuckDbUsageStore store, String statements) {
    try (java.sql.Connection c = store.reader();
        java.sql.Statement st = c.createStatement()) {
      for (String sql : statements.split(";")) {
        if (!sql.isBlank()) {
          st.execute(sql);
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long walBytes(Path dir) throws IOException {
    Path wal = dir.resolve("usage.duckdb.wal");
    return Files.exists(wal) ? Files.size(wal) : 0;
  }

  /** Returns DuckDB's buffer memory and spilled temporary storage, in bytes. */
  private static long[] duckMemory(DuckDbUsageStore store) {
    try (java.sql.Connection c = store.reader();
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery(
            "SELECT sum(memory_usage_bytes), sum(temporary_storage_bytes) FROM duckdb_memory()")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the CPU ticks of every task named like this thread except this thread itself. */
  private static long namedTaskTicks(String selfTid) throws IOException {
    long ticks = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        if (task.getFileName().toString().equals(selfTid)) {
          continue;
        }
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException gone) {
          continue; // the task ended while we listed
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (!name.equals(THREAD)) {
          continue;
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
      }
    }
    return ticks;
  }

  List<UsageRecord> batch(int size) {
    List<UsageRecord> records = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      records.add(record());
    }
    return records;
  }

  /** Builds a record as the gateway does for a successful streamed chat completion. */
  private UsageRecord record() {
    clock = clock.plusNanos(58_823); // 17k requests per second
    long prompt = 200 + random.nextInt(1_800);
    long completion = 20 + random.nextInt(600);
    long ttft = 150 + random.nextInt(400);
    long latency = ttft + completion * (8 + random.nextInt(10));
    String id = "chatcmpl-" + new UUID(random.nextLong(), random.nextLong()).toString().replace("-", "");
    return UsageRecord.builder(id, clock)
        .caller("key_01JQ8Z4V2M", null, "load-test")
        .models("gpt-4o-mini", "gpt-4o-mini-2024-07-18", "openai",
            new ModelFacts("openai/gpt-4o-mini", "openai", false, "US", SizeClass.SMALL, false))
        .streamed(true)
        .usage(new TokenUsage(prompt, completion, 0L, prompt / 2, null))
        .normalizedTokens(prompt, completion)
        .tools(false, 0)
        .finish(FinishReason.STOP, "stop")
        .result(200, Outcome.SUCCESS, null)
        .timing(latency, ttft)
        .cost((prompt * 0.15 + completion * 0.6) / 1_000_000, false)
        .location("DE", "Europe")
        .classification(new Classification(Category.PROGRAMMING, 0.82,
            List.of(new Classification.Tag("Programming/debugging", 0.61),
                new Classification.Tag("Programming/web", 0.21)), "en", null))
        .attempts(1)
        .providerAttempts(List.of(new ProviderAttempt("openai", "gpt-4o-mini", 200, null, latency - 2)))
        .build();
  }

  private record Result(int rows, long processNanos, long writerNanos, long duckNanos, long wallNanos,
      long fileBytes, int checkpoints, long peakMemory, long peakTemp) {
    @Override
    public String toString() {
      return String.format(
          "rows=%d cpu_us_per_record=%.2f writer_thread=%.2f duckdb_threads=%.2f other=%.2f"
              + " records_per_s=%.0f file_mb=%.1f checkpoints=%d duckdb_mem_mb=%.0f temp_mb=%.0f",
          rows, perRow(processNanos), perRow(writerNanos), perRow(duckNanos),
          perRow(processNanos - writerNanos - duckNanos), rows * 1e9 / wallNanos, fileBytes / 1e6,
          checkpoints, peakMemory / 1e6, peakTemp / 1e6);
    }

    private double perRow(long nanos) {
      return nanos / 1_000.0 / rows;
    }
  }
}

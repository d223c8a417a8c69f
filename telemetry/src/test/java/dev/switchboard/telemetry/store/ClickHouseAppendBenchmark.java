package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.UsageRecord;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures what storing usage records in ClickHouse costs: starts clickhouse-server in a temp dir,
 * appends ROWS gateway-like records (those of {@link UsageAppendBenchmark}) in batches of BATCH
 * from one thread as {@link AsyncUsageWriter} does, and prints records/s of append wall time and
 * CPU per record: the appending thread (dedup lookup, JSON), the rest of the JVM (the web client's
 * event loop, GC) and the clickhouse-server process. Batches are built before the clock starts.
 *
 * <p>Not part of {@code mvn verify}: {@code telemetry/bench/clickhouse-append-benchmark.sh [ROWS]
 * [BATCH] [WARMUP]}.
 */
public final class ClickHouseAppendBenchmark {
  private ClickHouseAppendBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 340_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 3_400;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 68_000;
    UsageAppendBenchmark generator = new UsageAppendBenchmark();
    List<List<UsageRecord>> warm = new ArrayList<>();
    for (int n = 0; n < warmup; n += batch) {
      warm.add(generator.batch(batch));
    }
    List<List<UsageRecord>> measured = new ArrayList<>();
    for (int n = 0; n < rows; n += batch) {
      measured.add(generator.batch(batch));
    }
    Path dir = Files.createTempDirectory("clickhouse-append-bench");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (ClickHouseServer server = ClickHouseServer.start(dir);
        ClickHouseUsageStore store = ClickHouseUsageStore.open(server.location("bench"), ClickHouseServer.PASSWORD)) {
      warm.forEach(store::append);
      Thread.sleep(2_000); // let the warm-up's merges settle
      long jvm0 = os.getProcessCpuTime();
      long thread0 = threads.getCurrentThreadCpuTime();
      long server0 = serverCpu(server);
      long wall0 = System.nanoTime();
      long written = 0;
      for (List<UsageRecord> b : measured) {
        store.append(b);
        written += b.size();
      }
      long wall = System.nanoTime() - wall0;
      long jvm = os.getProcessCpuTime() - jvm0;
      long writer = threads.getCurrentThreadCpuTime() - thread0;
      long serverNanos = serverCpu(server) - server0;
      long count = store.count();
      if (count != warmup / batch * batch + (warmup % batch == 0 ? 0 : batch) + written) {
        System.err.println("note: store holds " + count + " records");
      }
      System.out.printf(java.util.Locale.ROOT,
          "rows=%d batch=%d records_per_s=%.0f cpu_us_per_record=%.2f writer_thread=%.2f other_jvm=%.2f clickhouse_server=%.2f%n",
          written, batch, written * 1e9 / wall, (jvm + serverNanos) / 1e3 / written, writer / 1e3 / written,
          (jvm - writer) / 1e3 / written, serverNanos / 1e3 / written);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static long serverCpu(ClickHouseServer server) {
    return ProcessHandle.of(server.pid()).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
  }
}

package dev.switchboard.telemetry.store;

import dev.switchboard.config.TelemetryConfig;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.UsageSink;
import dev.switchboard.telemetry.journal.UsageJournal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues usage records and writes them to a {@link UsageStore} in batches on one daemon thread.
 *
 * <p>{@link #accept} never blocks and never throws: when the bounded queue is full, or the writer
 * is closed, the record is dropped and counted. A batch the store rejects is retried once, then
 * its records are counted as failed and the writer carries on.
 *
 * <p>With a {@link UsageJournal}, the queue is only the fast path: every accepted record is
 * journaled before it is queued, each stored batch is acknowledged to the journal, and what the
 * queue dropped or the store refused stays in the journal, which the writer replays (idempotently,
 * with backoff while the store fails) until it is stored. Records a crash left in the journal are
 * replayed the same way when the writer starts.
 *
 * <p>The writer does not own the store nor the journal: {@link #close()} flushes and stops the
 * thread but leaves both open for their owner to close (after this writer).
 */
public final class AsyncUsageWriter implements UsageSink, AutoCloseable {
  static final String THREAD_NAME = "switchboard-usage-writer";
  private static final Logger log = LoggerFactory.getLogger(AsyncUsageWriter.class);
  // Caps each idle wait so close() is noticed quickly without interrupting a store call.
  private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long GATHER_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final long REPLAY_BACKOFF_MIN_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long REPLAY_BACKOFF_MAX_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final UsageStore store;
  private final UsageJournal journal;
  private final BlockingQueue<UsageRecord> queue;
  private final int capacity;
  private final int batchSize;
  private final long flushIntervalNanos;
  private final Thread thread;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Object progress = new Object(); // notified after every batch
  private volatile boolean closing;
  private long replayBackoffNanos = REPLAY_BACKOFF_MIN_NANOS; // writer thread only
  private long nextReplayNanos = System.nanoTime(); // writer thread only

  private AsyncUsageWriter(
      UsageStore store, UsageJournal journal, int capacity, int batchSize, Duration flushInterval) {
    if (capacity < 1 || batchSize < 1 || flushInterval.isNegative()) {
      throw new IllegalArgumentException(
          "capacity and batchSize must be positive, flushInterval not negative");
    }
    this.store = store;
    this.journal = journal;
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.batchSize = batchSize;
    this.flushIntervalNanos = flushInterval.toNanos();
    this.thread = new Thread(this::run, THREAD_NAME);
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler(
        (t, e) -> log.error("Usage writer stopped; records will queue up and be dropped", e));
  }

  /** Starts a writer with the queue capacity, batch size and flush interval of {@code config}. */
  public static AsyncUsageWriter start(UsageStore store, TelemetryConfig config) {
    return start(store, UsageJournal.disabled(), config);
  }

  /**
   * Starts a writer with the queue capacity, batch size and flush interval of {@code config} that
   * journals every record in {@code journal} and first replays what an earlier run left there.
   */
  public static AsyncUsageWriter start(UsageStore store, UsageJournal journal, TelemetryConfig config) {
    return start(store, journal, config.queueCapacity(), config.batchSize(), config.flushInterval());
  }

  /** Starts a writer that batches up to {@code batchSize} records or {@code flushInterval}. */
  public static AsyncUsageWriter start(
      UsageStore store, int capacity, int batchSize, Duration flushInterval) {
    return start(store, UsageJournal.disabled(), capacity, batchSize, flushInterval);
  }

  /** Starts a journaled writer that batches up to {@code batchSize} records or {@code flushInterval}. */
  public static AsyncUsageWriter start(
      UsageStore store, UsageJournal journal, int capacity, int batchSize, Duration flushInterval) {
    AsyncUsageWriter writer = new AsyncUsageWriter(store, journal, capacity, batchSize, flushInterval);
    writer.thread.start();
    return writer;
  }

  @Override
  public void accept(UsageRecord record) {
    if (record == null) {
      dropped.incrementAndGet();
      return;
    }
    if (record.id() == null || record.timestamp() == null || record.outcome() == null) {
      // The store would reject it, and with it the whole batch: refuse it alone.
      failed.incrementAndGet();
      journal.done(List.of(record));
      log.warn("Usage record without id, timestamp or outcome refused");
      return;
    }
    journal.complete(record);
    if (closing) {
      dropped.incrementAndGet();
      journal.orphaned(List.of(record));
      return;
    }
    if (!queue.offer(record)) {
      dropped.incrementAndGet();
      journal.orphaned(List.of(record));
    } else if (closing && queue.remove(record)) {
      // close() began while we offered and the writer may already be gone: take the record back.
      // If remove() misses, the writer (still draining) took it and will write it.
      dropped.incrementAndGet();
      journal.orphaned(List.of(record));
    } else {
      accepted.incrementAndGet();
    }
  }

  /** Returns the counters and queue depth at this moment. */
  public UsageWriterStats stats() {
    return new UsageWriterStats(
        accepted.get(), written.get(), dropped.get(), failed.get(), queue.size(), capacity);
  }

  /**
   * Waits until every record accepted before this call is written or failed; returns false if
   * {@code timeout} passed first.
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    long target = accepted.get();
    return awaitProgress(() -> written.get() + failed.get() >= target, timeout);
  }

  /** Waits until at least {@code count} records are written; returns false on timeout. */
  public boolean awaitWritten(long count, Duration timeout) throws InterruptedException {
    return awaitProgress(() -> written.get() >= count, timeout);
  }

  /**
   * Stops accepting, writes everything queued, and waits up to 30 s for the thread to finish; the
   * store stays open.
   */
  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(thread); // stop gathering at once
    try {
      thread.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("Usage writer still busy after {}; {} records queued", CLOSE_TIMEOUT, queue.size());
    }
  }

  private void run() {
    List<UsageRecord> batch = new ArrayList<>(batchSize);
    while (!closing || !queue.isEmpty()) {
      replayIfDue();
      try {
        fill(batch);
      } catch (InterruptedException e) {
        // Nobody but the JVM interrupts this thread; finish what is in hand and keep draining.
        Thread.interrupted();
      }
      if (!batch.isEmpty()) {
        write(batch);
        batch.clear();
      }
      journal.acknowledge();
    }
    replayIfDue();
    journal.acknowledge();
  }

  /**
   * Stores what the journal holds and the queue does not (an earlier run's records, records the
   * queue dropped or the store refused); at most once a second, and after a failure it waits
   * 1 s, doubling up to 30 s.
   */
  private void replayIfDue() {
    if (!journal.needsReplay() || System.nanoTime() - nextReplayNanos < 0) {
      return;
    }
    try {
      int n = journal.replay(store::appendIdempotent, batchSize);
      if (n > 0) {
        log.info("Stored {} usage records from the journal", n);
      }
      replayBackoffNanos = REPLAY_BACKOFF_MIN_NANOS;
      // a replay reads the unacknowledged journal: under a sustained overflow, once a second is
      // enough, and the queue's own batches keep their share of the writer
      nextReplayNanos = System.nanoTime() + REPLAY_BACKOFF_MIN_NANOS;
    } catch (RuntimeException e) {
      nextReplayNanos = System.nanoTime() + replayBackoffNanos;
      log.warn("Usage store refused records replayed from the journal; retrying in {} ms: {}",
          TimeUnit.NANOSECONDS.toMillis(replayBackoffNanos), e.toString());
      replayBackoffNanos = Math.min(REPLAY_BACKOFF_MAX_NANOS, replayBackoffNanos * 2);
    } finally {
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  /**
   * Collects up to batchSize records, waiting at most flushInterval after the first one. While it
   * gathers it sleeps in short slices instead of waiting on the queue: a wait on the queue is
   * woken by every record offered, which at thousands of records a second cost more CPU in
   * wake-ups than writing them.
   */
  private void fill(List<UsageRecord> batch) throws InterruptedException {
    UsageRecord first = queue.poll(IDLE_POLL_NANOS, TimeUnit.NANOSECONDS);
    if (first == null) {
      return;
    }
    batch.add(first);
    long deadline = System.nanoTime() + flushIntervalNanos;
    queue.drainTo(batch, batchSize - batch.size());
    while (batch.size() < batchSize && !closing) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      LockSupport.parkNanos(this, Math.min(left, GATHER_SLICE_NANOS));
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      queue.drainTo(batch, batchSize - batch.size());
    }
  }

  private void write(List<UsageRecord> batch) {
    try {
      if (tryAppend(batch, false) || tryAppend(batch, true)) {
        written.addAndGet(batch.size());
        journal.done(batch);
      } else {
        failed.addAndGet(batch.size());
        // still in the journal (when it took them): a later replay stores them
        journal.orphaned(batch);
      }
    } finally {
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  private boolean tryAppend(List<UsageRecord> batch, boolean retry) {
    try {
      store.append(List.copyOf(batch));
      return true;
    } catch (RuntimeException e) {
      // Only the exception's class and message: records never reach the log.
      log.warn(
          "Usage store rejected a batch of {} records ({}): {}",
          batch.size(),
          retry ? "retry failed, counted as failed" : "will retry once",
          e.toString());
      return false;
    }
  }

  private boolean awaitProgress(BooleanSupplier done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (!done.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(progress, left);
      }
      return true;
    }
  }
}

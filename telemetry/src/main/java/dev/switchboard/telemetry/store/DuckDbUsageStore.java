package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.UsageRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Stores usage records in an embedded DuckDB file (or in memory), writing through the appender and
 * answering aggregates in SQL.
 *
 * <p>Thread-safe. Appends are serialized on one write connection; every query runs on its own
 * short-lived duplicate connection, so queries from worker threads neither wait for nor disturb the
 * writer. DuckDB lets only one process open a file, so open one store per file and share it.
 */
public final class DuckDbUsageStore implements UsageStore, StateDatabase {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DuckDbUsageStore.class);
  private static final String MEMORY = ":memory:";
  // 80 MB, not 64: with the daily rollups every appended table holds a 256 KB block per column until
  // a checkpoint, and at 64 MB the writer spilled 30 MB and spent 22-24 us per record; at 80 MB it
  // holds 68 MB and spends 14.3-14.7 (96 MB: 14.9), so 16 MB of RSS buys a third of the writer's CPU
  private static final String MEMORY_LIMIT = "80MB";
  private static final String ALLOCATOR_FLUSH_THRESHOLD = "8MB";
  private static final String CHECKPOINT_THRESHOLD = "48MB";

  // Readers are duplicated from origin, never from writer, so taking a reader needs no write lock.
  private final DuckDBConnection origin;
  private DuckDBConnection writer; // guarded by this
  private final UsageRollups.Known<UsageRollups.UserModelMonth> knownRollupRows = new UsageRollups.Known<>(); // guarded by this
  private final DuckDbDailyRollup.Pending dailyRollup; // guarded by this
  /**
   * Stats queries share it, appends take it alone. A commit that ran out of DuckDB memory while a
   * stats query held most of the limit left a corrupted row group behind ("misaligned count"),
   * which the next checkpoint found, invalidating the database until restart (10M-record
   * benchmark, DuckDB 1.5.6). Taking turns, a commit always finds the queries' memory released.
   * Fair, so a steady stream of queries cannot starve the writer.
   */
  private final ReentrantReadWriteLock turns = new ReentrantReadWriteLock(true);
  private final String description;
  private volatile boolean closed;

  private DuckDbUsageStore(DuckDBConnection origin, DuckDBConnection writer, String description, int foldAfterRows) {
    this.origin = origin;
    this.writer = writer;
    this.description = description;
    this.dailyRollup = new DuckDbDailyRollup.Pending(foldAfterRows);
  }

  /**
   * Opens or creates the store at {@code path}, creating parent directories; a null path or
   * {@code :memory:} opens a private in-memory database.
   */
  public static DuckDbUsageStore open(Path path) {
    return open(path, DuckDbDailyRollup.FOLD_AFTER_ROWS);
  }

  /** Opens the store folding its daily rollups once {@code foldAfterRows} rows piled up (tests fold sooner). */
  static DuckDbUsageStore open(Path path, int foldAfterRows) {
    boolean inMemory = path == null || path.toString().equals(MEMORY);
    String url = "jdbc:duckdb:";
    if (!inMemory) {
      Path file = path.toAbsolutePath();
      try {
        Files.createDirectories(file.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create directory for usage store " + file, e);
      }
      url += file;
    }
    try {
      DuckDBConnection origin = DriverManager.getConnection(url).unwrap(DuckDBConnection.class);
      try {
        if (!inMemory) {
          tune(origin);
        }
        UsageSchema.ensure(origin);
        DuckDBConnection writer = origin.duplicate();
        writer.setAutoCommit(false);
        return new DuckDbUsageStore(origin, writer, inMemory ? MEMORY : path.toString(), foldAfterRows);
      } catch (SQLException | RuntimeException e) {
        origin.close();
        throw e;
      }
    } catch (SQLException e) {
      throw new UsageStoreException("cannot open usage store " + url, e);
    }
  }

  /**
   * Caps DuckDB's buffer pool, checkpoints less often and runs DuckDB on half the cores. The pool
   * by default may take 80% of the machine's RAM and keeps caching table blocks as the file grows:
   * a long-running gateway's RSS would grow with its store. Beyond the cap DuckDB evicts or spills to its temp directory.
   * In-memory stores keep the defaults, since their data has nowhere else to go and they never
   * checkpoint.
   */
  private static void tune(DuckDBConnection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
      // DuckDB's allocator keeps freed memory cached up to this much (default 128 MB)
      statement.execute("SET allocator_flush_threshold = '" + ALLOCATOR_FLUSH_THRESHOLD + "'");
      // Checkpoints dominate the CPU of storing records (UsageAppendBenchmark): each one analyses
      // and recompresses the columns of the row groups it touches, and a partly filled row group
      // is rewritten by every later checkpoint until it fills. At the default 16 MB of log (about
      // 34k gateway rows, a quarter of a 122,880-row row group) rows were recompressed several
      // times and DuckDB's worker threads burned over half as much CPU as the writer: 31-34 us
      // per record. At 48 MB (about 93k rows, 5 s at 17k requests/s) it is 11-14 us. Larger thresholds gave no
      // steady further gain (64 MB: 16-23, 96 MB: 13, 112 MB: 12) but a longer log to replay
      // after a crash and more uncheckpointed rows spilled past memory_limit (48 MB: ~17 MB of
      // temp files at peak; 96 MB: ~70 MB).
      statement.execute("SET checkpoint_threshold = '" + CHECKPOINT_THRESHOLD + "'");
      // DuckDB starts one worker per core. With the gateway's small appends they mostly wake up
      // and sleep again: on 2 cores at 22k requests/s they burned 3.3 us of CPU per request while
      // the writer's own CPU stayed the same with none (gateway/bench). Half the cores keeps most
      // of the parallelism for large stats queries on bigger machines.
      statement.execute("SET threads = " + duckDbThreads());
      // Every query orders what it needs explicitly: without insertion order, scans and
      // aggregates stream and spill instead of buffering rows to keep their order, which under
      // the memory limit is the difference between spilling and "Out of Memory Error".
      statement.execute("SET preserve_insertion_order = false");
    }
  }

  /**
   * Checkpoints the database, writing appended rows to the file and freeing their buffers; a
   * failure (e.g. a concurrent checkpoint) is ignored: the caller only wants memory back.
   */
  void checkpointQuietly() {
    // no stats query holds memory meanwhile: a checkpoint that runs out of it invalidates the database
    turns.writeLock().lock();
    try (Connection c = reader(); Statement statement = c.createStatement()) {
      statement.execute("CHECKPOINT");
    } catch (SQLException e) {
      // nothing to free this time
    } finally {
      turns.writeLock().unlock();
    }
  }

  private static int duckDbThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /** Opens a private in-memory store. */
  public static DuckDbUsageStore inMemory() {
    return open(null);
  }

  @Override
  public synchronized void append(List<UsageRecord> records) {
    ensureOpen();
    if (records.isEmpty()) {
      return;
    }
    turns.writeLock().lock();
    try {
      appendTakingTurns(records);
    } finally {
      turns.writeLock().unlock();
    }
  }

  /**
   * Runs a stats query when no append is committing: the lock that makes them take turns (see
   * {@link #turns}); the caller unlocks it when the query's rows are read.
   */
  Lock statsQueryTurn() {
    Lock lock = turns.readLock();
    lock.lock();
    return lock;
  }

  private void appendTakingTurns(List<UsageRecord> records) {
    try {
      appendOnce(records);
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(e);
      replaceWriter(e);
      if (!(e instanceof SQLException sql && DuckDbAggregateSource.outOfMemory(sql))) {
        throw new UsageStoreException("cannot append " + records.size() + " usage records", e);
      }
      // A stats query holds most of the memory limit: a checkpoint frees the buffers of the rows
      // appended since the last one, then the batch gets the room it needs.
      LOG.info("appending ran out of DuckDB memory under its limit; checkpointing and trying again");
      checkpointQuietly();
      try {
        appendOnce(records);
      } catch (SQLException | RuntimeException again) {
        rollbackQuietly(again);
        replaceWriter(again);
        again.addSuppressed(e);
        throw new UsageStoreException("cannot append " + records.size() + " usage records", again);
      }
    }
  }

  /**
   * Replaces the write connection after a failed append. After a commit that failed (out of
   * memory) DuckDB's JDBC connection believed a transaction open that was not: the next batches'
   * appenders committed on their own, "cannot commit - no transaction is active" followed, and
   * within seconds a checkpoint found a corrupted column and invalidated the database (10M-record
   * benchmark, DuckDB 1.5.6). A fresh connection starts from a clean state.
   */
  private void replaceWriter(Exception cause) {
    try {
      DuckDBConnection fresh;
      synchronized (origin) {
        fresh = origin.duplicate();
      }
      fresh.setAutoCommit(false);
      DuckDBConnection old = writer;
      writer = fresh;
      old.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private void appendOnce(List<UsageRecord> records) throws SQLException {
    beginTransaction();
    // Attempts first: a reader that finds a record then always finds its attempts too.
    if (AttemptRows.anyIn(records)) {
      try (DuckDBAppender appender = writer.createAppender(AttemptRows.TABLE)) {
        for (UsageRecord r : records) {
          AttemptRows.write(appender, r);
        }
        appender.flush();
      }
    }
    // The appender is confined to the thread that created it, so one per call.
    try (DuckDBAppender appender = writer.createAppender(UsageSchema.TABLE)) {
      for (UsageRecord r : records) {
        UsageRows.write(appender, r);
      }
      // Flush explicitly: close() alone drops rows that fail a constraint without an error.
      appender.flush();
    }
    // Same transaction: a reader sees a batch in the raw rows and in the rollups, or in neither.
    var rollupRows = UsageRollups.apply(writer, records, knownRollupRows);
    DuckDbDailyRollup.apply(writer, records, dailyRollup);
    writer.commit();
    // Only committed rows are known: after a rollback they are checked in SQL again.
    knownRollupRows.remember(rollupRows);
    dailyRollup.committed();
  }

  /**
   * Appends the records whose id is not stored yet. One query finds which ids of the batch are
   * present, restricted to the batch's time range so DuckDB skips the other row groups by their
   * min/max; the normal {@link #append} path stays without any check.
   */
  @Override
  public synchronized void appendIdempotent(List<UsageRecord> records) {
    ensureOpen();
    if (records.isEmpty()) {
      return;
    }
    Set<String> present = new HashSet<>();
    Instant from = records.get(0).timestamp();
    Instant to = from;
    StringBuilder ids = new StringBuilder();
    for (UsageRecord r : records) {
      from = r.timestamp().isBefore(from) ? r.timestamp() : from;
      to = r.timestamp().isAfter(to) ? r.timestamp() : to;
      ids.append(ids.isEmpty() ? "'" : ", '").append(r.id().replace("'", "''")).append('\'');
    }
    String sql = "SELECT id FROM usage_records WHERE ts BETWEEN make_timestamp(?) AND make_timestamp(?)"
        + " AND id IN (" + ids + ")";
    try {
      beginTransaction();
      try (PreparedStatement ps = writer.prepareStatement(sql)) {
        ps.setLong(1, UsageRows.epochMicros(from));
        ps.setLong(2, UsageRows.epochMicros(to));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            present.add(rs.getString(1));
          }
        }
      }
      writer.commit();
    } catch (SQLException e) {
      rollbackQuietly(e);
      throw new UsageStoreException("cannot check " + records.size() + " replayed usage records", e);
    }
    List<UsageRecord> missing = new ArrayList<>(records.size());
    for (UsageRecord r : records) {
      if (present.add(r.id())) {
        missing.add(r);
      }
    }
    append(missing);
  }

  @Override
  public DuckDbAggregateSource aggregates() {
    return new DuckDbAggregateSource(this);
  }

  @Override
  public UsageOverview overview(Instant from, Instant to) {
    return overview(from, to, null);
  }

  @Override
  public UsageOverview overview(Instant from, Instant to, String apiKeyId) {
    try (Connection c = reader()) {
      return OverviewQuery.run(c, from, to, apiKeyId);
    } catch (SQLException e) {
      throw new UsageStoreException("cannot compute usage overview", e);
    }
  }

  @Override
  public List<KeyCost> costByKey(Instant monthStart, Instant dayStart, Instant end) {
    // bounds as epoch microseconds, like the overview, so no JDBC time-zone conversion shifts them
    String sql =
        "SELECT api_key_id, coalesce(sum(cost_usd) FILTER (WHERE ts >= make_timestamp(?)), 0)::DOUBLE,"
            + " sum(cost_usd)::DOUBLE FROM usage_records"
            + " WHERE ts >= make_timestamp(?) AND ts < make_timestamp(?)"
            + " AND api_key_id IS NOT NULL AND cost_usd IS NOT NULL GROUP BY api_key_id";
    List<KeyCost> costs = new ArrayList<>();
    try (Connection c = reader();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, UsageRows.epochMicros(dayStart));
      ps.setLong(2, UsageRows.epochMicros(monthStart));
      ps.setLong(3, UsageRows.epochMicros(end));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          costs.add(new KeyCost(rs.getString(1), rs.getDouble(2), rs.getDouble(3)));
        }
      }
    } catch (SQLException e) {
      throw new UsageStoreException("cannot sum costs by key", e);
    }
    return costs;
  }

  /**
   * Reads back the record with this id as appended, with its upstream attempts; timestamps keep
   * microsecond precision.
   */
  @Override
  public Optional<UsageRecord> findById(String id) {
    String sql = "SELECT " + UsageRows.SELECT_COLUMNS + " FROM usage_records WHERE id = ? LIMIT 1";
    try (Connection c = reader();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      UsageRecord record;
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        record = UsageRows.read(rs);
      }
      return Optional.of(record.withProviderAttempts(AttemptRows.read(c, id)));
    } catch (SQLException e) {
      throw new UsageStoreException("cannot read usage record", e);
    }
  }

  @Override
  public long count() {
    try (Connection c = reader();
        PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM usage_records");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new UsageStoreException("cannot count usage records", e);
    }
  }

  /**
   * Opens a new connection to the same database (stats queries, keys, spend, bodies); the caller
   * closes it, and the file stays open until it does.
   */
  @Override
  public Connection reader() throws SQLException {
    synchronized (origin) {
      ensureOpen();
      return origin.duplicate();
    }
  }

  /**
   * Closes the store; readers still open keep the database open until they are closed. The days
   * appended to since the daily rollups were last folded are folded first (best effort: unfolded
   * rows give the same answers, from more rows).
   */
  @Override
  public void close() {
    DuckDBConnection lastWriter;
    synchronized (this) {
      synchronized (origin) {
        if (closed) {
          return;
        }
        closed = true;
      }
      turns.writeLock().lock();
      try {
        beginTransaction();
        DuckDbDailyRollup.fold(writer, dailyRollup);
        writer.commit();
      } catch (SQLException e) {
        rollbackQuietly(e);
        LOG.warn("could not fold the daily rollups on close: {}", e.getMessage());
      } finally {
        turns.writeLock().unlock();
      }
      lastWriter = writer;
    }
    try (origin;
        lastWriter) {
      // try-with-resources closes writer, then origin, and reports both failures.
    } catch (SQLException e) {
      throw new UsageStoreException("cannot close usage store " + description, e);
    }
  }

  @Override
  public String toString() {
    return "DuckDbUsageStore[" + description + "]";
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("usage store is closed");
    }
  }

  /**
   * Opens the write transaction. DuckDB's JDBC driver begins it lazily with the first statement,
   * and appenders are not statements: without one, each appender flush commits on its own.
   */
  private void beginTransaction() throws SQLException {
    try (Statement st = writer.createStatement()) {
      st.execute("SELECT 1");
    }
  }

  private void rollbackQuietly(Exception cause) {
    try {
      writer.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}

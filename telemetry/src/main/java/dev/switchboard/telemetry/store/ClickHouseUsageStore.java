package dev.switchboard.telemetry.store;

import dev.switchboard.config.ClickHouseStore;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.store.UsageOverview.ModelTotals;
import dev.switchboard.telemetry.store.UsageOverview.TokenTotals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores usage records in ClickHouse over its HTTP interface.
 *
 * <p>Appends are idempotent by record id, so a batch may be retried or replayed any number of
 * times: before inserting, the store asks which of the batch's ids are already stored (looking only
 * at the batch's timestamps, which the table is ordered by, so the lookup reads a few granules
 * whatever the table's size) and inserts only the others, in {@code RowBinary}. Plain MergeTree tables in 18.16 do not
 * deduplicate inserts (only Replicated tables do, by whole-block hash, which a replay with other
 * batch boundaries would miss anyway; {@code non_replicated_deduplication_window} and {@code
 * insert_deduplication_token} came later), and ReplacingMergeTree would make every query pay for
 * FINAL. Caveat: two gateways inserting the same record at the same moment could both miss it in
 * the lookup; each gateway writes and replays only its own records, so that does not happen.
 *
 * <p>While ClickHouse is unreachable or answers 5xx, {@link #append} retries with backoff until it
 * succeeds or the store is closed: the caller's queue (and journal) hold the records meanwhile.
 * Each retry looks the batch's ids up again, so an insert that was stored but whose answer was
 * lost is not stored twice. Queries retry three times.
 *
 * <p>The store opens when ClickHouse is down (a gateway must start and serve while its telemetry
 * store is away): it creates the database and tables on its first call that reaches ClickHouse.
 * A wrong password or a database of a newer schema still fails {@link #open} at once.
 * Thread-safe; appends are serialized.
 */
public final class ClickHouseUsageStore implements UsageStore {
  private static final String INSERT_RECORDS = "INSERT INTO " + ClickHouseSchema.RECORDS + " FORMAT RowBinary";
  private static final String INSERT_ATTEMPTS = "INSERT INTO " + ClickHouseSchema.ATTEMPTS + " FORMAT RowBinary";

  private static final Logger log = LoggerFactory.getLogger(ClickHouseUsageStore.class);
  private static final int QUERY_ATTEMPTS = 3;

  private final ClickHouseHttp http;
  private final String database;
  private final Object schemaLock = new Object();
  private volatile boolean schemaReady;
  private volatile boolean closed;

  private ClickHouseUsageStore(ClickHouseHttp http, String database) {
    this.http = http;
    this.database = database;
  }

  /**
   * Connects to {@code target}, creating the database and tables if missing. When ClickHouse
   * cannot be reached, returns a store that creates them on its first call that reaches it.
   *
   * @param password the resolved password, or null for none
   */
  public static ClickHouseUsageStore open(ClickHouseStore target, String password) {
    ClickHouseUsageStore store = new ClickHouseUsageStore(new ClickHouseHttp(target, password), target.database());
    try {
      store.http.retrying("schema check", () -> {
        store.ensureSchema();
        return null;
      }, QUERY_ATTEMPTS, () -> true);
    } catch (UsageStoreException e) {
      if (!store.http.reachable()) {
        log.warn("ClickHouse at {} is unreachable ({}); the store opens anyway and creates its tables once"
            + " ClickHouse answers, records wait in the writer's queue and journal until then", target, rootMessage(e));
        return store;
      }
      store.http.close();
      throw e;
    } catch (RuntimeException e) {
      store.http.close();
      throw e;
    }
    return store;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.toString();
  }

  /** Creates the database and tables unless this store already did; one try (callers retry). */
  private void ensureSchema() {
    if (schemaReady) {
      return;
    }
    synchronized (schemaLock) {
      if (!schemaReady) {
        ClickHouseSchema.ensure(http, database);
        schemaReady = true;
      }
    }
  }

  /**
   * Returns whether ClickHouse answered this store's last call and its tables are in place; false
   * from a failed call until one succeeds (a readiness check may show it; records are kept meanwhile).
   */
  @Override
  public boolean reachable() {
    return schemaReady && http.reachable();
  }

  /** Appends like {@link #append}, which already skips ids the table holds. */
  @Override
  public void appendIdempotent(List<UsageRecord> records) {
    append(records);
  }

  @Override
  public synchronized void append(List<UsageRecord> records) {
    ensureOpen();
    if (records.isEmpty()) {
      return;
    }
    http.retrying("insert", () -> {
      ensureSchema();
      appendOnce(records);
      return null;
    }, Integer.MAX_VALUE, this::isOpen);
  }

  private void appendOnce(List<UsageRecord> records) {
    Stored stored = stored(records);
    // Attempts first, as in DuckDB: a reader that finds a record then finds its attempts too.
    RowBinary attempts = new RowBinary(records.size() * 64);
    RowBinary rows = new RowBinary(records.size() * 512);
    for (UsageRecord r : records) {
      if (!r.providerAttempts().isEmpty() && !stored.attempts.contains(r.id())) {
        ClickHouseRows.writeAttempts(attempts, r);
      }
      if (!stored.records.contains(r.id())) {
        ClickHouseRows.write(rows, r);
      }
    }
    if (attempts.buffer().length() > 0) {
      http.insertOnce(INSERT_ATTEMPTS, attempts.buffer());
    }
    if (rows.buffer().length() > 0) {
      http.insertOnce(INSERT_RECORDS, rows.buffer());
    }
  }

  private record Stored(Set<String> records, Set<String> attempts) {}

  /**
   * Returns which of the batch's records and attempts are already stored, in one query that reads
   * only the rows at the batch's timestamps: a live batch spans well under a second and reads a
   * granule or two, a simulated one (timestamps spread over months) one per distinct timestamp.
   */
  private Stored stored(List<UsageRecord> records) {
    Set<String> ids = new HashSet<>();
    TreeSet<Long> times = new TreeSet<>();
    for (UsageRecord r : records) {
      ids.add(r.id());
      times.add(UsageRows.epochMicros(r.timestamp()));
    }
    String where = TimeRanges.predicate(times);
    String sql = "SELECT 0, id FROM " + ClickHouseSchema.RECORDS + " WHERE " + where
        + " UNION ALL SELECT DISTINCT 1, request_id FROM " + ClickHouseSchema.ATTEMPTS + " WHERE " + where
        + " FORMAT TabSeparated";
    Stored stored = new Stored(new HashSet<>(), new HashSet<>());
    for (String[] row : Tsv.rows(http.queryOnce(sql, true))) {
      if (ids.contains(row[1])) {
        (row[0].equals("0") ? stored.records : stored.attempts).add(row[1]);
      }
    }
    return stored;
  }

  @Override
  public ClickHouseAggregateSource aggregates() {
    return new ClickHouseAggregateSource(this);
  }

  @Override
  public UsageOverview overview(Instant from, Instant to) {
    return overview(from, to, null);
  }

  @Override
  public UsageOverview overview(Instant from, Instant to, String apiKeyId) {
    String aggregates = "count(), countIf(outcome NOT IN ('success', 'cancelled')), countIf(outcome = 'cancelled'),"
        + " ifNull(sum(prompt_tokens), 0), ifNull(sum(completion_tokens), 0), ifNull(sum(reasoning_tokens), 0),"
        + " ifNull(sum(cached_read_tokens), 0), ifNull(sum(cache_write_tokens), 0),"
        + " ifNull(sum(normalized_prompt_tokens), 0), ifNull(sum(normalized_completion_tokens), 0),"
        + " toFloat64(ifNull(sum(cost_usd), 0))";
    String where = " FROM usage_records WHERE ts_us >= " + UsageRows.epochMicros(from) + " AND ts_us < " + UsageRows.epochMicros(to)
        + (apiKeyId == null ? "" : " AND api_key_id = " + Tsv.literal(apiKeyId));
    String[] total = Tsv.rows(query("SELECT " + aggregates + where + " FORMAT TabSeparated")).get(0);
    List<ModelTotals> models = new ArrayList<>();
    String perModel = "SELECT ifNull(served_model, requested_model) AS m, provider, " + aggregates + where
        + " GROUP BY m, provider ORDER BY ifNull(sum(prompt_tokens), 0) + ifNull(sum(completion_tokens), 0) DESC,"
        + " m, provider FORMAT TabSeparated";
    for (String[] row : Tsv.rows(query(perModel))) {
      models.add(new ModelTotals(row[0], row[1], Long.parseLong(row[2]), Long.parseLong(row[3]), tokens(row, 5), Double.parseDouble(row[12])));
    }
    return new UsageOverview(from, to, Long.parseLong(total[0]), Long.parseLong(total[1]), Long.parseLong(total[2]),
        tokens(total, 3), Double.parseDouble(total[10]), List.copyOf(models));
  }

  @Override
  public List<KeyCost> costByKey(Instant monthStart, Instant dayStart, Instant end) {
    String sql = "SELECT api_key_id, toFloat64(ifNull(sumIf(cost_usd, ts_us >= " + UsageRows.epochMicros(dayStart)
        + "), 0)), toFloat64(ifNull(sum(cost_usd), 0)) FROM usage_records WHERE ts_us >= "
        + UsageRows.epochMicros(monthStart) + " AND ts_us < " + UsageRows.epochMicros(end)
        + " AND api_key_id IS NOT NULL AND cost_usd IS NOT NULL GROUP BY api_key_id FORMAT TabSeparated";
    List<KeyCost> costs = new ArrayList<>();
    for (String[] row : Tsv.rows(query(sql))) {
      costs.add(new KeyCost(row[0], Double.parseDouble(row[1]), Double.parseDouble(row[2])));
    }
    return costs;
  }

  private static TokenTotals tokens(String[] row, int first) {
    long[] v = new long[7];
    for (int i = 0; i < 7; i++) {
      v[i] = Long.parseLong(row[first + i]);
    }
    return new TokenTotals(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
  }

  @Override
  public Optional<UsageRecord> findById(String id) {
    List<String[]> rows = Tsv.rows(query("SELECT " + ClickHouseRows.SELECT_COLUMNS + " FROM usage_records WHERE id = "
        + Tsv.literal(id) + " LIMIT 1 FORMAT TabSeparated"));
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    UsageRecord record = ClickHouseRows.read(rows.get(0));
    // The record's timestamp leads to its attempts through the table's order; LIMIT BY drops any
    // copy a torn insert left behind.
    String attempts = "SELECT " + ClickHouseRows.ATTEMPT_COLUMNS + " FROM usage_attempts WHERE ts_us = "
        + UsageRows.epochMicros(record.timestamp()) + " AND request_id = " + Tsv.literal(id)
        + " ORDER BY attempt LIMIT 1 BY attempt FORMAT TabSeparated";
    return Optional.of(record.withProviderAttempts(ClickHouseRows.readAttempts(Tsv.rows(query(attempts)))));
  }

  @Override
  public long count() {
    return Long.parseLong(query("SELECT count() FROM usage_records").strip());
  }

  /** Runs a query (3 tries, creating the tables first if this store has not yet) and returns its text answer. */
  String query(String sql) {
    ensureOpen();
    return http.retrying("query", () -> {
      ensureSchema();
      return http.queryOnce(sql, true);
    }, QUERY_ATTEMPTS, this::isOpen);
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      http.close();
    }
  }

  private boolean isOpen() {
    return !closed;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("usage store is closed");
    }
  }

  @Override
  public String toString() {
    return "ClickHouseUsageStore[" + http + "]";
  }
}

package dev.switchboard.gateway.state.postgres;

import dev.switchboard.gateway.auth.ApiKey;
import dev.switchboard.gateway.auth.KeyStore;
import dev.switchboard.gateway.auth.ModelPatterns;
import dev.switchboard.gateway.auth.SpendRow;
import dev.switchboard.gateway.auth.StoredKey;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Keeps gateway keys and their spend in PostgreSQL for several gateways. Every key write sends
 * {@code NOTIFY} with the key's secret hash in the same transaction, so the others drop their
 * cached copy as soon as it commits; spend is added, never replaced, since every gateway charges.
 */
final class PostgresKeyStore implements KeyStore {
  static final String CHANNEL = "switchboard_keys";
  private static final String COLUMNS =
      "id, secret_hash, hint, name, owner, country, models, rpm, tpm, budget_usd_day,"
          + " budget_usd_month, expires_at, enabled, store_bodies, created_at, revoked_at";
  private static final String ADD_SPEND =
      "INSERT INTO key_spend (key_id, period, period_start, spend_usd) VALUES ($1, $2, $3, $4)"
          + " ON CONFLICT (key_id, period, period_start)"
          + " DO UPDATE SET spend_usd = key_spend.spend_usd + EXCLUDED.spend_usd";

  private final Pool pool;
  private final KeyChangeListener listener;
  // increments drained from the ledger and not yet committed (kept across failed saves)
  private final Map<SpendSlot, Double> unsaved = new HashMap<>();
  // the last save started: each save writes after the one before it has finished
  private Future<Void> lastSave = Future.succeededFuture();

  PostgresKeyStore(Pool pool, KeyChangeListener listener) {
    this.pool = pool;
    this.listener = listener;
  }

  @Override
  public Future<Void> insert(StoredKey stored) {
    String sql = "INSERT INTO api_keys (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
        + " $10, $11, $12, $13, $14, $15, $16)";
    Tuple values = Tuple.of(stored.key().id(), stored.secretHash());
    addFields(values, stored.key());
    return pool
        .withTransaction(c -> c.preparedQuery(sql).execute(values)
            .compose(r -> notifyChange(c, stored.secretHash())))
        .recover(t -> PgFailures.mapped(t, "insert key"));
  }

  @Override
  public Future<Optional<StoredKey>> update(String id, UnaryOperator<ApiKey> change) {
    String sql = "UPDATE api_keys SET hint = $3, name = $4, owner = $5, country = $6, models = $7,"
        + " rpm = $8, tpm = $9, budget_usd_day = $10, budget_usd_month = $11, expires_at = $12,"
        + " enabled = $13, store_bodies = $14, created_at = $15, revoked_at = $16"
        + " WHERE id = $1 AND secret_hash = $2";
    return pool
        .withTransaction(c -> c
            .preparedQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = $1 FOR UPDATE")
            .execute(Tuple.of(id))
            .compose(rows -> {
              Optional<StoredKey> found = first(rows);
              if (found.isEmpty()) {
                return Future.succeededFuture(Optional.<StoredKey>empty());
              }
              StoredKey changed = new StoredKey(found.get().secretHash(), change.apply(found.get().key()));
              Tuple values = Tuple.of(id, changed.secretHash());
              addFields(values, changed.key());
              return c.preparedQuery(sql).execute(values)
                  .compose(r -> notifyChange(c, changed.secretHash()))
                  .map(v -> Optional.of(changed));
            }))
        .recover(t -> PgFailures.mapped(t, "update key"));
  }

  @Override
  public Future<Optional<StoredKey>> findByHash(String secretHash) {
    return findOne("secret_hash", secretHash);
  }

  @Override
  public Future<Optional<StoredKey>> findById(String id) {
    return findOne("id", id);
  }

  @Override
  public Future<List<ApiKey>> list() {
    return pool.query("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id")
        .execute()
        .map(rows -> {
          List<ApiKey> keys = new ArrayList<>();
          rows.forEach(row -> keys.add(read(row).key()));
          return keys;
        })
        .recover(t -> PgFailures.mapped(t, "list keys"));
  }

  @Override
  public Future<List<SpendRow>> loadSpend(LocalDate day, LocalDate monthStart) {
    return querySpend(
        "(period = 'day' AND period_start = $1) OR (period = 'month' AND period_start = $2)",
        Tuple.of(day, monthStart));
  }

  @Override
  public Future<List<SpendRow>> loadSpend(String keyId, LocalDate day, LocalDate monthStart) {
    return querySpend(
        "key_id = $1 AND ((period = 'day' AND period_start = $2) OR (period = 'month' AND period_start = $3))",
        Tuple.of(keyId, day, monthStart));
  }

  private Future<List<SpendRow>> querySpend(String where, Tuple args) {
    return pool
        .preparedQuery("SELECT key_id, period, period_start, spend_usd FROM key_spend WHERE " + where)
        .execute(args)
        .map(rows -> {
          List<SpendRow> spend = new ArrayList<>();
          rows.forEach(row -> spend.add(new SpendRow(
              row.getString(0), row.getString(1), row.getLocalDate(2), row.getDouble(3))));
          return spend;
        })
        .recover(t -> PgFailures.mapped(t, "load key spend"));
  }

  /**
   * Adds the drained increments to the stored totals in one transaction, one save after the other
   * (a save waiting behind another writes what both drained). A failed save keeps its rows, so an
   * outage delays spend but loses none (unless the gateway stops before the server returns).
   */
  @Override
  public synchronized Future<Void> saveSpend(Supplier<List<SpendRow>> drain) {
    for (SpendRow row : drain.get()) {
      unsaved.merge(new SpendSlot(row.keyId(), row.period(), row.periodStart()), row.spendUsd(), Double::sum);
    }
    lastSave = lastSave.transform(previous -> writeUnsaved());
    return lastSave;
  }

  private Future<Void> writeUnsaved() {
    Map<SpendSlot, Double> sending;
    synchronized (this) {
      if (unsaved.isEmpty()) {
        return Future.succeededFuture();
      }
      sending = new HashMap<>(unsaved);
      unsaved.clear();
    }
    List<Tuple> batch = new ArrayList<>();
    sending.forEach((slot, usd) -> batch.add(Tuple.of(slot.keyId(), slot.period(), slot.start(), usd)));
    return pool
        .withTransaction(c -> c.preparedQuery(ADD_SPEND).executeBatch(batch))
        .<Void>mapEmpty()
        .recover(t -> {
          synchronized (this) {
            sending.forEach((slot, usd) -> unsaved.merge(slot, usd, Double::sum));
          }
          return PgFailures.mapped(t, "save key spend");
        });
  }

  @Override
  public void watch(Consumer<String> changed, Runnable resync) {
    listener.watch(changed, resync);
  }

  private Future<Optional<StoredKey>> findOne(String column, String value) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM api_keys WHERE " + column + " = $1")
        .execute(Tuple.of(value))
        .map(PostgresKeyStore::first)
        .recover(t -> PgFailures.mapped(t, "read key"));
  }

  private static Future<Void> notifyChange(SqlConnection c, String secretHash) {
    // delivered to listeners when (and only if) the transaction commits
    return c.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, secretHash)).mapEmpty();
  }

  private static void addFields(Tuple values, ApiKey key) {
    values.addString(key.hint())
        .addString(key.name())
        .addString(key.owner())
        .addString(key.country())
        .addArrayOfString(key.models().patterns().toArray(String[]::new))
        .addInteger(key.rpm())
        .addLong(key.tpm())
        .addDouble(key.budgetUsdDay())
        .addDouble(key.budgetUsdMonth())
        .addOffsetDateTime(time(key.expiresAt()))
        .addBoolean(key.enabled())
        .addBoolean(key.storeBodies())
        .addOffsetDateTime(time(key.createdAt()))
        .addOffsetDateTime(time(key.revokedAt()));
  }

  private static Optional<StoredKey> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next()));
  }

  private static StoredKey read(Row row) {
    String[] models = row.getArrayOfStrings("models");
    ApiKey key =
        new ApiKey(
            row.getString("id"),
            row.getString("name"),
            row.getString("owner"),
            row.getString("country"),
            new ModelPatterns(models == null ? List.of() : Arrays.asList(models)),
            row.getInteger("rpm"),
            row.getLong("tpm"),
            row.getDouble("budget_usd_day"),
            row.getDouble("budget_usd_month"),
            instant(row.getOffsetDateTime("expires_at")),
            row.getBoolean("enabled"),
            row.getBoolean("store_bodies"),
            instant(row.getOffsetDateTime("created_at")),
            instant(row.getOffsetDateTime("revoked_at")),
            ApiKey.Source.API,
            row.getString("hint"));
    return new StoredKey(row.getString("secret_hash"), key);
  }

  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  /** One key's spend row: the key, its period and the period's first day. */
  private record SpendSlot(String keyId, String period, LocalDate start) {}
}

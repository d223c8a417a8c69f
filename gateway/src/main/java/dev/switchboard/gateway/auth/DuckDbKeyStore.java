package dev.switchboard.gateway.auth;

import dev.switchboard.telemetry.store.StateDatabase;
import dev.switchboard.telemetry.store.UsageStoreException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Keeps gateway keys ({@code api_keys}) and their spend per budget period ({@code key_spend}) in
 * the gateway's DuckDB file, next to the usage records, so both survive restarts.
 *
 * <p>JDBC runs on worker threads. Writes are serialized on this object because DuckDB refuses
 * concurrent updates of one row from two connections.
 */
public final class DuckDbKeyStore implements KeyStore {
  private static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS api_keys (
        id VARCHAR PRIMARY KEY,
        secret_hash VARCHAR NOT NULL UNIQUE,
        hint VARCHAR,
        name VARCHAR NOT NULL,
        owner VARCHAR,
        country VARCHAR,
        models VARCHAR,
        rpm INTEGER,
        tpm BIGINT,
        budget_usd_day DOUBLE,
        budget_usd_month DOUBLE,
        expires_at TIMESTAMP,
        enabled BOOLEAN NOT NULL,
        store_bodies BOOLEAN NOT NULL,
        created_at TIMESTAMP NOT NULL,
        revoked_at TIMESTAMP
      );
      CREATE TABLE IF NOT EXISTS key_spend (
        key_id VARCHAR NOT NULL,
        period VARCHAR NOT NULL,
        period_start DATE NOT NULL,
        spend_usd DOUBLE NOT NULL,
        PRIMARY KEY (key_id, period, period_start)
      );
      """;
  private static final String COLUMNS =
      "secret_hash, hint, name, owner, country, models, rpm, tpm, budget_usd_day,"
          + " budget_usd_month, epoch_us(expires_at), enabled, store_bodies, epoch_us(created_at),"
          + " epoch_us(revoked_at), id";
  // Model patterns never contain whitespace (validated), so a newline separates them safely.
  private static final String PATTERN_SEPARATOR = "\n";

  private final Vertx vertx;
  private final StateDatabase store;
  // increments a failed save drained: written first by the next save (guarded by this)
  private final List<SpendRow> unsaved = new ArrayList<>();

  private DuckDbKeyStore(Vertx vertx, StateDatabase store) {
    this.vertx = vertx;
    this.store = store;
  }

  /** Creates the tables if missing and returns the store (blocking: call it on a worker thread). */
  public static DuckDbKeyStore open(Vertx vertx, StateDatabase store) {
    try (Connection c = store.reader();
        Statement s = c.createStatement()) {
      s.execute(SCHEMA);
    } catch (SQLException e) {
      throw new UsageStoreException("cannot create key tables", e);
    }
    return new DuckDbKeyStore(vertx, store);
  }

  @Override
  public Future<Void> insert(StoredKey stored) {
    return blocking(() -> {
      insertNow(stored);
      return null;
    });
  }

  @Override
  public Future<Optional<StoredKey>> update(String id, UnaryOperator<ApiKey> change) {
    return blocking(() -> {
      // read-modify-write of one key must not interleave with another change of it
      synchronized (this) {
        Optional<StoredKey> found = findByIdNow(id);
        if (found.isEmpty()) {
          return Optional.<StoredKey>empty();
        }
        StoredKey changed = new StoredKey(found.get().secretHash(), change.apply(found.get().key()));
        updateNow(changed.key());
        return Optional.of(changed);
      }
    });
  }

  @Override
  public Future<Optional<StoredKey>> findByHash(String secretHash) {
    return blocking(() -> queryOne("SELECT " + COLUMNS + " FROM api_keys WHERE secret_hash = ?", secretHash));
  }

  @Override
  public Future<Optional<StoredKey>> findById(String id) {
    return blocking(() -> findByIdNow(id));
  }

  @Override
  public Future<List<ApiKey>> list() {
    return blocking(this::listNow);
  }

  @Override
  public Future<List<SpendRow>> loadSpend(LocalDate day, LocalDate monthStart) {
    return blocking(() -> loadSpendNow(day, monthStart, null));
  }

  @Override
  public Future<List<SpendRow>> loadSpend(String keyId, LocalDate day, LocalDate monthStart) {
    return blocking(() -> loadSpendNow(day, monthStart, keyId));
  }

  @Override
  public Future<Void> saveSpend(Supplier<List<SpendRow>> drain) {
    return blocking(() -> {
      synchronized (this) {
        List<SpendRow> rows = new ArrayList<>(unsaved);
        rows.addAll(drain.get());
        unsaved.clear();
        try {
          saveSpendNow(rows);
        } catch (RuntimeException e) {
          unsaved.addAll(rows); // all or nothing: added again with the next save, none lost or twice
          throw e;
        }
      }
      return null;
    });
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  private synchronized void insertNow(StoredKey stored) {
    String sql =
        "INSERT INTO api_keys (" + COLUMNS.replace("epoch_us(", "").replace(")", "")
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, make_timestamp(?), ?, ?, make_timestamp(?),"
            + " make_timestamp(?), ?)";
    execute(sql, stored.secretHash(), stored.key(), "insert key");
  }

  /** Replaces every changeable field of an existing key (not its hash, id or creation time). */
  private synchronized void updateNow(ApiKey key) {
    String sql =
        "UPDATE api_keys SET hint = ?, name = ?, owner = ?, country = ?, models = ?, rpm = ?,"
            + " tpm = ?, budget_usd_day = ?, budget_usd_month = ?, expires_at = make_timestamp(?),"
            + " enabled = ?, store_bodies = ?, created_at = make_timestamp(?),"
            + " revoked_at = make_timestamp(?) WHERE id = ?";
    execute(sql, null, key, "update key");
  }

  private Optional<StoredKey> findByIdNow(String id) {
    return queryOne("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", id);
  }

  private List<ApiKey> listNow() {
    List<ApiKey> keys = new ArrayList<>();
    try (Connection c = store.reader();
        PreparedStatement ps =
            c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        keys.add(read(rs).key());
      }
    } catch (SQLException e) {
      throw new UsageStoreException("cannot list keys", e);
    }
    return keys;
  }

  private List<SpendRow> loadSpendNow(LocalDate day, LocalDate monthStart, String keyId) {
    String sql =
        "SELECT key_id, period, CAST(period_start AS VARCHAR), spend_usd FROM key_spend"
            + " WHERE ((period = 'day' AND period_start = CAST(? AS DATE))"
            + " OR (period = 'month' AND period_start = CAST(? AS DATE)))"
            + " AND (CAST(? AS VARCHAR) IS NULL OR key_id = ?)";
    List<SpendRow> rows = new ArrayList<>();
    try (Connection c = store.reader();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, day.toString());
      ps.setString(2, monthStart.toString());
      ps.setString(3, keyId);
      ps.setString(4, keyId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new SpendRow(
                  rs.getString(1), rs.getString(2), LocalDate.parse(rs.getString(3)), rs.getDouble(4)));
        }
      }
    } catch (SQLException e) {
      throw new UsageStoreException("cannot load key spend", e);
    }
    return rows;
  }

  /**
   * Adds spend increments to the stored totals of the same key and period, in one transaction: the
   * rows are what each gateway charged since its last save, so several can save to one table.
   */
  private synchronized void saveSpendNow(List<SpendRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    String sql =
        "INSERT INTO key_spend VALUES (?, ?, CAST(? AS DATE), ?)"
            + " ON CONFLICT (key_id, period, period_start)"
            + " DO UPDATE SET spend_usd = key_spend.spend_usd + excluded.spend_usd";
    try (Connection c = store.reader()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (SpendRow row : rows) {
          ps.setString(1, row.keyId());
          ps.setString(2, row.period());
          ps.setString(3, row.periodStart().toString());
          ps.setDouble(4, row.spendUsd());
          ps.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback(); // all or nothing: the caller keeps every increment to add again
        throw e;
      }
    } catch (SQLException e) {
      throw new UsageStoreException("cannot save key spend", e);
    }
  }

  private void execute(String sql, String secretHash, ApiKey key, String what) {
    try (Connection c = store.reader();
        PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (secretHash != null) {
        ps.setString(i++, secretHash);
      }
      ps.setString(i++, key.hint());
      ps.setString(i++, key.name());
      ps.setString(i++, key.owner());
      ps.setString(i++, key.country());
      ps.setString(i++, String.join(PATTERN_SEPARATOR, key.models().patterns()));
      setNullable(ps, i++, key.rpm(), Types.INTEGER);
      setNullable(ps, i++, key.tpm(), Types.BIGINT);
      setNullable(ps, i++, key.budgetUsdDay(), Types.DOUBLE);
      setNullable(ps, i++, key.budgetUsdMonth(), Types.DOUBLE);
      setNullable(ps, i++, micros(key.expiresAt()), Types.BIGINT);
      ps.setBoolean(i++, key.enabled());
      ps.setBoolean(i++, key.storeBodies());
      ps.setLong(i++, micros(key.createdAt()));
      setNullable(ps, i++, micros(key.revokedAt()), Types.BIGINT);
      ps.setString(i, key.id());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new UsageStoreException("cannot " + what, e);
    }
  }

  private Optional<StoredKey> queryOne(String sql, String value) {
    try (Connection c = store.reader();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new UsageStoreException("cannot read key", e);
    }
  }

  private static StoredKey read(ResultSet rs) throws SQLException {
    String models = rs.getString(6);
    ApiKey key =
        new ApiKey(
            rs.getString(16),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            new ModelPatterns(
                models == null || models.isEmpty()
                    ? List.of()
                    : Arrays.asList(models.split(PATTERN_SEPARATOR))),
            nullableInt(rs, 7),
            nullableLong(rs, 8),
            nullableDouble(rs, 9),
            nullableDouble(rs, 10),
            instant(rs, 11),
            rs.getBoolean(12),
            rs.getBoolean(13),
            instant(rs, 14),
            instant(rs, 15),
            ApiKey.Source.API,
            rs.getString(2));
    return new StoredKey(rs.getString(1), key);
  }

  private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long micros = rs.getLong(column);
    return rs.wasNull() ? null : Instant.EPOCH.plusNanos(Math.multiplyExact(micros, 1_000L));
  }

  private static Long micros(Instant instant) {
    return instant == null
        ? null
        : Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  private static void setNullable(PreparedStatement ps, int index, Object value, int sqlType)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, sqlType);
    } else {
      ps.setObject(index, value);
    }
  }
}

package dev.switchboard.gateway.usage;

import dev.switchboard.telemetry.store.StateDatabase;
import dev.switchboard.telemetry.store.UsageStoreException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps opted-in request/response bodies in their own table ({@code stored_bodies}), apart from
 * the usage records that never hold text, and deletes them after the retention period, in the
 * gateway's DuckDB file. JDBC runs on worker threads.
 */
public final class DuckDbBodyArchive implements BodyArchive {
  private static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS stored_bodies (
        id VARCHAR PRIMARY KEY,
        api_key_id VARCHAR,
        ts TIMESTAMP NOT NULL,
        request_json VARCHAR,
        response_json VARCHAR
      )
      """;

  private final Vertx vertx;
  private final StateDatabase store;

  private DuckDbBodyArchive(Vertx vertx, StateDatabase store) {
    this.vertx = vertx;
    this.store = store;
  }

  /** Creates the table if missing and returns the archive (blocking: call it on a worker thread). */
  public static DuckDbBodyArchive open(Vertx vertx, StateDatabase store) {
    try (Connection c = store.reader();
        Statement s = c.createStatement()) {
      s.execute(SCHEMA);
    } catch (SQLException e) {
      throw new UsageStoreException("cannot create stored_bodies table", e);
    }
    return new DuckDbBodyArchive(vertx, store);
  }

  @Override
  public Future<Void> insert(StoredBody body) {
    return vertx.executeBlocking(() -> {
      insertNow(body);
      return null;
    }, false);
  }

  @Override
  public Future<Integer> deleteOlderThan(Instant cutoff) {
    return vertx.executeBlocking(() -> deleteOlderThanNow(cutoff), false);
  }

  @Override
  public Future<Optional<StoredBody>> find(String id) {
    return vertx.executeBlocking(() -> findNow(id), false);
  }

  private void insertNow(StoredBody body) {
    String sql = "INSERT INTO stored_bodies VALUES (?, ?, make_timestamp(?), ?, ?) ON CONFLICT DO NOTHING";
    try (Connection c = store.reader();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, body.id());
      ps.setString(2, body.apiKeyId());
      ps.setLong(3, micros(body.timestamp()));
      ps.setString(4, body.requestJson());
      ps.setString(5, body.responseJson());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new UsageStoreException("cannot store bodies of " + body.id(), e);
    }
  }

  private synchronized int deleteOlderThanNow(Instant cutoff) {
    try (Connection c = store.reader();
        PreparedStatement ps =
            c.prepareStatement("DELETE FROM stored_bodies WHERE ts < make_timestamp(?)")) {
      ps.setLong(1, micros(cutoff));
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new UsageStoreException("cannot delete expired bodies", e);
    }
  }

  private Optional<StoredBody> findNow(String id) {
    String sql =
        "SELECT id, api_key_id, epoch_us(ts), request_json, response_json FROM stored_bodies WHERE id = ?";
    try (Connection c = store.reader();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new StoredBody(
                rs.getString(1),
                rs.getString(2),
                Instant.EPOCH.plusNanos(rs.getLong(3) * 1_000L),
                rs.getString(4),
                rs.getString(5)));
      }
    } catch (SQLException e) {
      throw new UsageStoreException("cannot read bodies", e);
    }
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }
}

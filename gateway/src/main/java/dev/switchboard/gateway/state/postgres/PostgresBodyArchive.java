package dev.switchboard.gateway.state.postgres;

import dev.switchboard.gateway.usage.BodyArchive;
import dev.switchboard.gateway.usage.StoredBody;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Optional;

/** Keeps opted-in request/response bodies in PostgreSQL's {@code stored_bodies}. */
final class PostgresBodyArchive implements BodyArchive {
  private final Pool pool;

  PostgresBodyArchive(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> insert(StoredBody body) {
    return pool
        .preparedQuery("INSERT INTO stored_bodies (id, api_key_id, ts, request_json, response_json)"
            + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(body.id(), body.apiKeyId(), PostgresKeyStore.time(body.timestamp()),
            body.requestJson(), body.responseJson()))
        .<Void>mapEmpty()
        .recover(t -> PgFailures.mapped(t, "store bodies"));
  }

  @Override
  public Future<Integer> deleteOlderThan(Instant cutoff) {
    return pool.preparedQuery("DELETE FROM stored_bodies WHERE ts < $1")
        .execute(Tuple.of(PostgresKeyStore.time(cutoff)))
        .map(rows -> rows.rowCount())
        .recover(t -> PgFailures.mapped(t, "delete expired bodies"));
  }

  @Override
  public Future<Optional<StoredBody>> find(String id) {
    return pool
        .preparedQuery("SELECT id, api_key_id, ts, request_json, response_json FROM stored_bodies WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.<StoredBody>empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new StoredBody(row.getString(0), row.getString(1),
              PostgresKeyStore.instant(row.getOffsetDateTime(2)), row.getString(3), row.getString(4)));
        })
        .recover(t -> PgFailures.mapped(t, "read bodies"));
  }
}

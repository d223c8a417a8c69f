package dev.switchboard.gateway.usage;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps opted-in request/response bodies apart from the usage records, and deletes them after the
 * retention period. Every method returns at once; the work runs off the event loop.
 */
public interface BodyArchive {

  /** Stores one request's bodies (a second insert of the same id is ignored). */
  Future<Void> insert(StoredBody body);

  /** Deletes bodies of requests made before {@code cutoff}; gives how many. */
  Future<Integer> deleteOlderThan(Instant cutoff);

  /** Reads back the bodies of request {@code id}. */
  Future<Optional<StoredBody>> find(String id);
}

package dev.switchboard.gateway.routing;

import io.vertx.core.Future;

/** Runs one upstream attempt in one mode (whole answer, or stream relayed to the client). */
interface AttemptRunner<T> {

  /** Runs {@code attempt}; the future never fails, failures are outcomes. */
  Future<AttemptOutcome<T>> run(Attempt attempt);
}

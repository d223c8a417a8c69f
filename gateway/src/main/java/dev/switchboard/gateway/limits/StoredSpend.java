package dev.switchboard.gateway.limits;

import io.vertx.core.Future;
import java.time.LocalDate;

/** Reads one key's saved day and month totals from the key store, off the event loop. */
@FunctionalInterface
public interface StoredSpend {

  /** Returns what the key store holds for {@code keyId} on {@code day} and in its month. */
  Future<SpendTotals> of(String keyId, LocalDate day);
}

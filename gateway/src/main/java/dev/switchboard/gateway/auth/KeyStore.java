package dev.switchboard.gateway.auth;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Keeps gateway keys and their spend per budget period: the gateway's embedded file or a store
 * several gateways share. Every method returns at once; the work runs off the event loop. A store
 * that cannot be reached fails with {@link dev.switchboard.gateway.state.StoreUnavailableException}.
 */
public interface KeyStore {

  /** Inserts a new key. */
  Future<Void> insert(StoredKey stored);

  /**
   * Changes key {@code id} with {@code change} as one read-modify-write (a concurrent change of the
   * same key waits); empty when there is none with this id.
   */
  Future<Optional<StoredKey>> update(String id, UnaryOperator<ApiKey> change);

  /** Finds the key whose secret hashes to {@code secretHash}. */
  Future<Optional<StoredKey>> findByHash(String secretHash);

  /** Finds a key by id. */
  Future<Optional<StoredKey>> findById(String id);

  /** Lists every stored key, revoked ones included, oldest first. */
  Future<List<ApiKey>> list();

  /** Loads the spend rows of the given day and month periods. */
  Future<List<SpendRow>> loadSpend(LocalDate day, LocalDate monthStart);

  /** Loads one key's spend rows of the given day and month periods (to seed a shared ledger). */
  Future<List<SpendRow>> loadSpend(String keyId, LocalDate day, LocalDate monthStart);

  /**
   * Adds spend increments (what was charged since the last save; several gateways may add to one
   * store): takes the rows from {@code drain} when it is ready to write them. A save that fails
   * keeps its rows and adds them with the next one, so none is lost or added twice.
   */
  Future<Void> saveSpend(Supplier<List<SpendRow>> drain);

  /**
   * Tells {@code changed} the secret hash of every key another gateway creates, changes or revokes,
   * and {@code resync} when changes may have been missed (after a reconnect). A store only one
   * gateway uses has nothing to tell.
   */
  default void watch(Consumer<String> changed, Runnable resync) {}

  /** Releases connections; a store in the gateway's own file has none. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}

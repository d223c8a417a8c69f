package dev.switchboard.gateway.auth;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Finds gateway keys by secret and changes them for the admin API. Keys are looked up by the
 * SHA-256 of the presented secret in a Caffeine cache in front of the store, so the hot path
 * touches no JDBC once a key has been seen; loads and every write run on worker threads.
 *
 * <p>A hash-table lookup is not constant-time, but it runs on the hash of the secret: timing can
 * at most reveal hash prefixes, which say nothing about any secret. The final comparison of the
 * presented and the stored hash uses {@link MessageDigest#isEqual}, which is.
 */
public final class KeyDirectory {
  private static final Duration UNKNOWN_KEY_TTL = Duration.ofSeconds(30);
  private static final Duration KNOWN_KEY_TTL = Duration.ofNanos(Long.MAX_VALUE);

  private final Vertx vertx;
  private final DuckDbKeyStore store;
  private final Clock clock;
  private final byte[] adminHash;
  private final Map<String, StoredKey> staticByHash = new HashMap<>();
  private final Map<String, ApiKey> staticById = new HashMap<>();
  private final AsyncLoadingCache<String, Optional<StoredKey>> byHash;

  /**
   * Creates the directory.
   *
   * @param adminKey the admin secret, or null when the admin API is disabled
   * @param staticKeys keys from config, already hashed
   */
  public KeyDirectory(
      Vertx vertx, DuckDbKeyStore store, Clock clock, String adminKey, List<StoredKey> staticKeys) {
    this.vertx = vertx;
    this.store = store;
    this.clock = clock;
    this.adminHash = adminKey == null ? null : KeySecret.hash(adminKey);
    for (StoredKey key : staticKeys) {
      staticByHash.put(key.secretHash(), key);
      staticById.put(key.key().id(), key.key());
    }
    // Loads (JDBC) run on worker threads; the cache's own upkeep runs inline on the caller, a
    // few map operations now and then, instead of a worker-pool task every few lookups.
    // Unknown secrets are remembered briefly so a flood of bad keys cannot turn into JDBC load.
    this.byHash =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfter(
                Expiry.<String, Optional<StoredKey>>creating(
                    (hash, found) -> found.isPresent() ? KNOWN_KEY_TTL : UNKNOWN_KEY_TTL))
            .executor(Runnable::run)
            .buildAsync((hash, executor) -> vertx
                .executeBlocking(() -> store.findByHash(hash), false)
                .toCompletionStage()
                .toCompletableFuture());
  }

  /** Returns whether the presented key is the admin key, comparing hashes in constant time. */
  public boolean isAdmin(Presented key) {
    return adminHash != null && MessageDigest.isEqual(adminHash, key.hash());
  }

  /**
   * Finds the key with {@code secret}, whatever its state (revoked, expired...); the future is
   * already complete when the key is cached or declared in config.
   */
  public CompletableFuture<Optional<ApiKey>> lookup(String secret) {
    return lookup(Presented.of(secret));
  }

  /** Finds the key presented, as {@link #lookup(String)}, with its hash already taken. */
  public CompletableFuture<Optional<ApiKey>> lookup(Presented key) {
    byte[] hash = key.hash();
    String hex = key.hex();
    StoredKey declared = staticByHash.get(hex);
    if (declared != null) {
      return CompletableFuture.completedFuture(verified(hash, declared));
    }
    return byHash.get(hex).thenApply(found -> found.flatMap(stored -> verified(hash, stored)));
  }

  private static Optional<ApiKey> verified(byte[] presented, StoredKey stored) {
    return MessageDigest.isEqual(presented, KeySecret.unhex(stored.secretHash()))
        ? Optional.of(stored.key())
        : Optional.empty();
  }

  /** Creates a key with a new secret; {@code fields} sets what the admin asked for. */
  public Future<CreatedKey> create(Consumer<KeyEdit> fields) {
    String secret = KeySecret.generate();
    ApiKey blank =
        new ApiKey(
            KeySecret.newId(), "", null, null, ModelPatterns.any(), null, null, null, null, null,
            true, false, now(), null, ApiKey.Source.API, KeySecret.hint(secret));
    KeyEdit edit = blank.edit();
    fields.accept(edit);
    StoredKey stored = new StoredKey(KeySecret.hex(KeySecret.hash(secret)), edit.build());
    return vertx
        .executeBlocking(() -> {
          store.insert(stored);
          return stored;
        }, false)
        .map(saved -> {
          cache(saved);
          return new CreatedKey(saved.key(), secret);
        });
  }

  /** Lists every key: config keys first, then stored ones oldest first. */
  public Future<List<ApiKey>> list() {
    return vertx.executeBlocking(() -> {
      List<ApiKey> keys = new ArrayList<>(staticById.values());
      keys.sort((a, b) -> a.id().compareTo(b.id()));
      keys.addAll(store.list());
      return keys;
    }, false);
  }

  /** Finds a key by id. */
  public Future<Optional<ApiKey>> get(String id) {
    ApiKey declared = staticById.get(id);
    if (declared != null) {
      return Future.succeededFuture(Optional.of(declared));
    }
    return vertx.executeBlocking(() -> store.findById(id).map(StoredKey::key), false);
  }

  /**
   * Changes a stored key; empty when there is none with this id.
   *
   * @throws ReadOnlyKeyException (failed future) for a key declared in config
   */
  public Future<Optional<ApiKey>> update(String id, Consumer<KeyEdit> fields) {
    if (staticById.containsKey(id)) {
      return Future.failedFuture(new ReadOnlyKeyException(id));
    }
    return vertx.executeBlocking(() -> {
      // read-modify-write of one key must not interleave with another change of it
      synchronized (this) {
        Optional<StoredKey> found = store.findById(id);
        if (found.isEmpty()) {
          return Optional.<ApiKey>empty();
        }
        KeyEdit edit = found.get().key().edit();
        fields.accept(edit);
        StoredKey changed = new StoredKey(found.get().secretHash(), edit.build());
        store.update(changed.key());
        cache(changed);
        return Optional.of(changed.key());
      }
    }, false);
  }

  /** Revokes a key for good; revoking twice keeps the first revocation time. */
  public Future<Optional<ApiKey>> revoke(String id) {
    Instant now = now();
    return update(id, edit -> {
      if (edit.build().revokedAt() == null) {
        edit.revokedAt(now);
      }
    });
  }

  private void cache(StoredKey stored) {
    byHash.put(stored.secretHash(), CompletableFuture.completedFuture(Optional.of(stored)));
  }

  private Instant now() {
    // the store keeps microseconds; truncate so what we answer equals what we read back later
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Signals a change to a key declared in config, which only the config file can change. */
  public static final class ReadOnlyKeyException extends RuntimeException {
    public ReadOnlyKeyException(String id) {
      super("Key " + id + " is declared in config (auth.keys) and cannot be changed here.");
    }
  }

  /**
   * A secret as presented by a caller, hashed once: the admin check and the key lookup of a request
   * share one SHA-256 instead of taking one each.
   *
   * @param hash the secret's SHA-256
   * @param hex the hash as stored and cached
   */
  public record Presented(byte[] hash, String hex) {
    /** Hashes {@code secret}. */
    public static Presented of(String secret) {
      byte[] hash = KeySecret.hash(secret);
      return new Presented(hash, KeySecret.hex(hash));
    }
  }
}

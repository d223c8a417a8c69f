package dev.switchboard.gateway.auth;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.vertx.core.Future;
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
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Finds gateway keys by secret and changes them for the admin API. Keys are looked up by the
 * SHA-256 of the presented secret in a Caffeine cache in front of the {@link KeyStore}, so the hot
 * path touches no store once a key has been seen; loads and writes run off the event loop. How long
 * a cached key is trusted is the {@link KeyCachePolicy}'s: for good over the embedded store; over a
 * shared one, re-read when another gateway announces a change ({@link #changed}) and every 30 s,
 * and kept while the store is unreachable for the configured grace.
 *
 * <p>A hash-table lookup is not constant-time, but it runs on the hash of the secret: timing can
 * at most reveal hash prefixes, which say nothing about any secret. The final comparison of the
 * presented and the stored hash uses {@link MessageDigest#isEqual}, which is.
 */
public final class KeyDirectory {
  private static final Duration UNKNOWN_KEY_TTL = Duration.ofSeconds(30);

  private final KeyStore store;
  private final Clock clock;
  private final byte[] adminHash;
  private final Map<String, StoredKey> staticByHash = new HashMap<>();
  private final Map<String, ApiKey> staticById = new HashMap<>();
  private final AsyncLoadingCache<String, Cached> byHash;

  /**
   * Creates the directory.
   *
   * @param adminKey the admin secret, or null when the admin API is disabled
   * @param staticKeys keys from config, already hashed
   * @param policy how long cached known keys are trusted
   */
  public KeyDirectory(
      KeyStore store, Clock clock, String adminKey, List<StoredKey> staticKeys, KeyCachePolicy policy) {
    this.store = store;
    this.clock = clock;
    this.adminHash = adminKey == null ? null : KeySecret.hash(adminKey);
    for (StoredKey key : staticKeys) {
      staticByHash.put(key.secretHash(), key);
      staticById.put(key.key().id(), key.key());
    }
    // Loads run off the event loop (in the store); the cache's own upkeep runs inline on the
    // caller, a few map operations now and then, instead of a worker-pool task every few lookups.
    // Unknown secrets are remembered briefly so a flood of bad keys cannot turn into store load.
    Caffeine<String, Cached> builder =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfter(new CachedExpiry(policy.knownKeyLifetime()))
            .executor(Runnable::run);
    if (policy.refreshAfter() != null) {
      builder.refreshAfterWrite(policy.refreshAfter());
    }
    this.byHash = builder.buildAsync(new AsyncCacheLoader<String, Cached>() {
      @Override
      public CompletableFuture<Cached> asyncLoad(String hash, Executor executor) {
        // a failure is an answer that expires at once: every waiter sees it, nothing keeps it
        return store.findByHash(hash)
            .map(found -> new Cached(found, System.nanoTime(), null))
            .otherwise(t -> new Cached(Optional.empty(), System.nanoTime(), t))
            .toCompletionStage()
            .toCompletableFuture();
      }

      @Override
      public CompletableFuture<Cached> asyncReload(String hash, Cached old, Executor executor) {
        // an unreachable store keeps the old entry, which still expires as of its last good load
        return asyncLoad(hash, executor).thenApply(fresh -> fresh.failure() == null ? fresh : old);
      }
    });
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
    return byHash.get(hex).thenCompose(cached -> cached.failure() != null
        ? CompletableFuture.failedFuture(cached.failure())
        : CompletableFuture.completedFuture(cached.found().flatMap(stored -> verified(hash, stored))));
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
    return store.insert(stored).map(v -> {
      cache(stored);
      return new CreatedKey(stored.key(), secret);
    });
  }

  /** Lists every key: config keys first, then stored ones oldest first. */
  public Future<List<ApiKey>> list() {
    return store.list().map(stored -> {
      List<ApiKey> keys = new ArrayList<>(staticById.values());
      keys.sort((a, b) -> a.id().compareTo(b.id()));
      keys.addAll(stored);
      return keys;
    });
  }

  /** Finds a key by id. */
  public Future<Optional<ApiKey>> get(String id) {
    ApiKey declared = staticById.get(id);
    if (declared != null) {
      return Future.succeededFuture(Optional.of(declared));
    }
    return store.findById(id).map(found -> found.map(StoredKey::key));
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
    return store
        .update(id, key -> {
          KeyEdit edit = key.edit();
          fields.accept(edit);
          return edit.build();
        })
        .map(changed -> {
          changed.ifPresent(this::cache);
          return changed.map(StoredKey::key);
        });
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

  /**
   * Re-reads a cached key that was changed (by this gateway or another). Until the store answers,
   * lookups get the cached entry; if it cannot answer, the entry stays as it was. A key this
   * gateway never looked up is not loaded.
   */
  public void changed(String secretHash) {
    if (byHash.getIfPresent(secretHash) != null) {
      byHash.synchronous().refresh(secretHash);
    }
  }

  /** Drops every cached entry, after changes elsewhere may have been missed. */
  public void forgetAll() {
    byHash.synchronous().invalidateAll();
  }

  private void cache(StoredKey stored) {
    byHash.put(stored.secretHash(), CompletableFuture.completedFuture(new Cached(Optional.of(stored), System.nanoTime(), null)));
  }

  private Instant now() {
    // the store keeps microseconds; truncate so what we answer equals what we read back later
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * A lookup's answer and when the store gave it ({@link System#nanoTime}, Caffeine's clock), or
   * why the store could not answer.
   */
  private record Cached(Optional<StoredKey> found, long loadedNanos, Throwable failure) {}

  /**
   * Expires an entry as of its last successful load: known keys after the policy's lifetime,
   * unknown secrets after 30 s. A refresh that failed hands back the old entry, whose clock keeps
   * running, so a key outlives an unreachable store by the lifetime and no more.
   */
  private record CachedExpiry(Duration knownKeyLifetime) implements Expiry<String, Cached> {
    @Override
    public long expireAfterCreate(String hash, Cached cached, long now) {
      return remaining(cached, now);
    }

    @Override
    public long expireAfterUpdate(String hash, Cached cached, long now, long current) {
      return remaining(cached, now);
    }

    @Override
    public long expireAfterRead(String hash, Cached cached, long now, long current) {
      return current;
    }

    private long remaining(Cached cached, long now) {
      if (cached.failure() != null) {
        return 0;
      }
      long ttl = (cached.found().isPresent() ? knownKeyLifetime : UNKNOWN_KEY_TTL).toNanos();
      long age = Math.max(0, now - cached.loadedNanos());
      return Math.max(0, ttl - age);
    }
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

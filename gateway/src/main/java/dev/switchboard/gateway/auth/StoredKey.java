package dev.switchboard.gateway.auth;

/**
 * Pairs a key with the SHA-256 hash of its secret (hex), as kept in the store and the cache.
 *
 * @param secretHash lower-case hex SHA-256 of the secret; never the secret
 */
public record StoredKey(String secretHash, ApiKey key) {}

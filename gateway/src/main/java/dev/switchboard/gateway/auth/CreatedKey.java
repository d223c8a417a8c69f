package dev.switchboard.gateway.auth;

/**
 * Holds a key just created and its secret, which exists nowhere else: it is answered once and
 * then forgotten.
 */
public record CreatedKey(ApiKey key, String secret) {

  @Override
  public String toString() {
    return "CreatedKey[" + key.id() + ", secret=***]";
  }
}

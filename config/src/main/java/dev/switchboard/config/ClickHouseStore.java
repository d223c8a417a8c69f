package dev.switchboard.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Locates a ClickHouse server holding the usage records, as written in {@code telemetry.store}:
 * {@code clickhouse://user:password@host:8123/database} over plain HTTP, {@code
 * clickhouses://user:password@host:8443/database} over HTTPS. The user defaults to {@code
 * default}, the port to 8123 (8443 with TLS), the database to {@code default}; user and password
 * may be percent-encoded, and the password may be {@code ${VAR}}, read from the environment.
 */
public record ClickHouseStore(
    boolean tls, String host, int port, String database, String user, SecretRef password) {
  private static final Pattern URL =
      Pattern.compile(
          "^(clickhouses?)://(?:([^:@/]*)(?::([^@/]*))?@)?([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+])"
              + "(?::(\\d{1,5}))?(?:/([A-Za-z0-9_]*))?/?$");

  /** Returns whether {@code text} is meant as a ClickHouse location (it may still be malformed). */
  public static boolean isClickHouse(String text) {
    return text.startsWith("clickhouse://") || text.startsWith("clickhouses://");
  }

  /**
   * Parses a location.
   *
   * @throws IllegalArgumentException saying what is wrong, never echoing the password
   */
  public static ClickHouseStore parse(String text) {
    Matcher m = URL.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a ClickHouse location (clickhouse://user:password@host:8123/database,"
              + " clickhouses:// for TLS)");
    }
    boolean tls = m.group(1).equals("clickhouses");
    int port = tls ? 8443 : 8123;
    if (m.group(5) != null) {
      port = Integer.parseInt(m.group(5));
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port must be 1-65535");
      }
    }
    String user = Optional.ofNullable(m.group(2)).filter(u -> !u.isEmpty()).map(ClickHouseStore::decode).orElse("default");
    String password = m.group(3);
    SecretRef secret = password == null ? SecretRef.none() : SecretRef.parse(password.startsWith("${") ? password : decode(password));
    String database = m.group(6) == null || m.group(6).isEmpty() ? "default" : m.group(6);
    String host = m.group(4).startsWith("[") ? m.group(4).substring(1, m.group(4).length() - 1) : m.group(4);
    return new ClickHouseStore(tls, host, port, database, user, secret);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad percent-encoding in user or password");
    }
  }

  /** Spells the location without its password. */
  @Override
  public String toString() {
    return (tls ? "clickhouses://" : "clickhouse://") + user + "@" + host + ":" + port + "/" + database;
  }
}

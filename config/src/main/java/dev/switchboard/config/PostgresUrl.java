package dev.switchboard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** Checks a PostgreSQL connection URL: scheme, host, port and database name. */
public final class PostgresUrl {

  private PostgresUrl() {}

  /** Returns what is wrong with {@code url}, or empty when it is a usable PostgreSQL URL. */
  public static Optional<String> problem(String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      // the reason, never the input: the URL may hold a password
      return Optional.of("not a URL");
    }
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
      return Optional.of("expected postgresql://user:password@host:5432/database");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      return Optional.of("missing host");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65_535) {
      return Optional.of("port must be 1..65535");
    }
    String path = uri.getPath();
    if (path == null || path.length() <= 1 || path.indexOf('/', 1) >= 0) {
      return Optional.of("missing database name (postgresql://host:5432/database)");
    }
    return Optional.empty();
  }
}

package dev.switchboard.config;

import java.util.Optional;
import java.util.Set;

/** Checks a PostgreSQL connection URL: scheme, host, port and database name. */
public final class PostgresUrl {

  private PostgresUrl() {}

  /** Returns what is wrong with {@code url}, or empty when it is a usable PostgreSQL URL. */
  public static Optional<String> problem(String url) {
    return ServerUrl.problem(
        url, Set.of("postgresql", "postgres"), "expected postgresql://user:password@host:5432/database",
        uri -> {
          String path = uri.getPath();
          return path == null || path.length() <= 1 || path.indexOf('/', 1) >= 0
              ? Optional.of("missing database name (postgresql://host:5432/database)")
              : Optional.empty();
        });
  }
}

package dev.switchboard.config;

import java.util.Optional;
import java.util.Set;

/** Checks a Redis connection URL: scheme, host, port and database number. */
public final class RedisUrl {

  private RedisUrl() {}

  /** Returns what is wrong with {@code url}, or empty when it is a usable Redis URL. */
  public static Optional<String> problem(String url) {
    return ServerUrl.problem(
        url, Set.of("redis", "rediss"), "expected redis://host:port/db or rediss://...",
        uri -> {
          String path = uri.getPath();
          return path != null && !path.isEmpty() && !path.equals("/") && !path.substring(1).matches("\\d{1,2}")
              ? Optional.of("the path must be a database number (/0../99)")
              : Optional.empty();
        });
  }
}

package dev.switchboard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** Checks a Redis connection URL: scheme, host, port and database number. */
public final class RedisUrl {

  private RedisUrl() {}

  /** Returns what is wrong with {@code url}, or empty when it is a usable Redis URL. */
  public static Optional<String> problem(String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      return Optional.of("not a URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme();
    if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
      return Optional.of("expected redis://host:port/db or rediss://...");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      return Optional.of("missing host");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65_535) {
      return Optional.of("port must be 1..65535");
    }
    String path = uri.getPath();
    if (path != null && !path.isEmpty() && !path.equals("/") && !path.substring(1).matches("\\d{1,2}")) {
      return Optional.of("the path must be a database number (/0../99)");
    }
    return Optional.empty();
  }
}

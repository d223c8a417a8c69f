package dev.switchboard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Checks what every shared store's URL needs: a known scheme, a host and a port in range. */
final class ServerUrl {

  private ServerUrl() {}

  /**
   * Returns what is wrong with {@code url}, or empty when it is usable.
   *
   * @param expected the problem reported for another scheme (an example of a good URL)
   * @param rest checks the parts particular to the store (e.g. the path)
   */
  static Optional<String> problem(
      String url, Set<String> schemes, String expected, Function<URI, Optional<String>> rest) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      // the reason only, never the input: the URL may hold a password
      return Optional.of("not a URL (" + e.getReason() + ")");
    }
    if (uri.getScheme() == null || !schemes.contains(uri.getScheme())) {
      return Optional.of(expected);
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      return Optional.of("missing host");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65_535) {
      return Optional.of("port must be 1..65535");
    }
    return rest.apply(uri);
  }
}

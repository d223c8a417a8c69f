package dev.switchboard.gateway.provider.openaicompat;

import dev.switchboard.config.ProviderConfig;
import io.vertx.core.MultiMap;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per provider and upstream model, the flavor, parsed URL and headers of its requests: working
 * them out (flavor inference from the host, URL assembly, key lookup) on every request cost more
 * than sending it. A provider config is fixed for the gateway's life; an entry made for another
 * config instance with the same id (a rebuilt gateway in tests) is made again.
 */
final class PreparedEndpoints {
  private final Map<Key, Prepared> byTarget = new ConcurrentHashMap<>();

  /**
   * Returns the prepared endpoint of {@code upstreamModel} on {@code provider}; throws what
   * preparing throws (a missing key, an unknown flavor), and such failures are not remembered.
   */
  Prepared of(ProviderConfig provider, String upstreamModel) {
    Key key = new Key(provider.id(), upstreamModel);
    Prepared prepared = byTarget.get(key);
    if (prepared == null || prepared.provider() != provider) {
      prepared = prepare(provider, upstreamModel);
      byTarget.put(key, prepared);
    }
    return prepared;
  }

  private static Prepared prepare(ProviderConfig provider, String upstreamModel) {
    OpenAiCompatQuirks quirks = OpenAiFlavors.of(provider);
    String key = provider.apiKey().resolve().orElse(null);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    UpstreamEndpoint.authHeaders(quirks, key).forEach(headers::add);
    provider.headers().forEach(headers::add);
    return new Prepared(provider, quirks, parse(UpstreamEndpoint.url(provider, quirks, upstreamModel)), headers);
  }

  private static URL parse(String url) {
    try {
      return new URL(url);
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a URL: " + url, e); // config validation prevents it
    }
  }

  private record Key(String providerId, String upstreamModel) {}

  /**
   * What every request of one target shares.
   *
   * @param headers the key and configured headers; never logged
   */
  record Prepared(ProviderConfig provider, OpenAiCompatQuirks quirks, URL url, MultiMap headers) {}
}

package dev.switchboard.gateway.simulate.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies maps keeping their order: draws by weight must be the same on every run. */
final class Ordered {
  private Ordered() {}

  static <K, V> Map<K, V> copy(Map<K, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}

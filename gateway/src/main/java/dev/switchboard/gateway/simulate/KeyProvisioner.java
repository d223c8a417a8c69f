package dev.switchboard.gateway.simulate;

import dev.switchboard.gateway.simulate.traffic.UserProfile;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates one gateway key per country and app the simulated users come from, through the admin
 * API, so every request is billed to a key carrying its user's country (geography reads it there).
 */
final class KeyProvisioner {
  private final Map<String, String> keyIds = new ConcurrentHashMap<>();

  /** Creates the keys {@code users} need, one after another; completes when all exist. */
  Future<Void> provision(GatewayClient client, List<UserProfile> users, String runTag) {
    Map<String, String> countryOf = new TreeMap<>();
    for (UserProfile u : users) {
      countryOf.put(slot(u), u.country());
    }
    List<String> slots = new ArrayList<>(countryOf.keySet());
    Future<Void> chain = Future.succeededFuture();
    for (String slot : slots) {
      chain = chain.compose(v -> client.createKey("sim-" + runTag + "-" + slot, countryOf.get(slot))
          .map(id -> {
            keyIds.put(slot, id);
            return null;
          }));
    }
    return chain;
  }

  /** Returns the key id requests of {@code user} are billed to. */
  String keyOf(UserProfile user) {
    String id = keyIds.get(slot(user));
    if (id == null) {
      throw new IllegalStateException("no key provisioned for " + slot(user));
    }
    return id;
  }

  /** Returns how many keys were created. */
  int size() {
    return keyIds.size();
  }

  private static String slot(UserProfile user) {
    return user.country() + "-" + user.app().replace(' ', '_');
  }
}

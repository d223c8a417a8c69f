package dev.switchboard.gateway.limits;

import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;

/**
 * Decides whether a caller may send a parsed request now: allowed model, budget, rate limits.
 * Called on the event loop right after the request is parsed; must not block.
 */
public interface AccessPolicy {

  /** Admits or refuses {@code request} from {@code caller}. */
  Future<Admission> admit(Caller caller, ChatRequest request);

  /**
   * Admits or refuses {@code request} with the client's headers at hand (session id, tags); the
   * default ignores them.
   */
  default Future<Admission> admit(Caller caller, ChatRequest request, MultiMap headers) {
    return admit(caller, request);
  }

  /** Returns a policy that admits everything with no headers (tests, tools). */
  static AccessPolicy admitAll() {
    return (caller, request) -> Future.succeededFuture(Admission.granted(java.util.Map.of(), record -> {}));
  }
}

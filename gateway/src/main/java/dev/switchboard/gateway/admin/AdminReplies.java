package dev.switchboard.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.auth.AccessErrors;
import dev.switchboard.gateway.auth.Caller;
import dev.switchboard.gateway.http.ErrorResponder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Answers the admin APIs share: the admin check and a JSON reply. */
public final class AdminReplies {

  private AdminReplies() {}

  /**
   * Returns whether the caller is the admin; answers 403 (a gateway key) or 401 otherwise.
   *
   * @param adminConfigured whether an admin key exists at all (the 401 says so)
   */
  public static boolean isAdmin(RoutingContext ctx, boolean adminConfigured) {
    Caller caller = Caller.of(ctx);
    if (caller.isAdmin()) {
      return true;
    }
    ErrorResponder.send(ctx.response(),
        caller.kind() == Caller.Kind.KEY ? AccessErrors.notAdmin() : AccessErrors.adminKeyRequired(adminConfigured));
    return false;
  }

  /** Answers {@code body} as JSON with {@code status}. */
  public static void send(RoutingContext ctx, int status, ObjectNode body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(JsonCodec.write(body));
  }
}

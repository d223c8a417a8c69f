package dev.switchboard.gateway.http;

import dev.switchboard.gateway.lifecycle.Readiness;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves {@code GET /ready}: 200 when this instance should get traffic, 503 while a shared store is
 * unreachable or the instance drains; the body lists each check. {@code /health} stays the
 * liveness probe (the process answers), so an outage of a store never restarts the gateway.
 */
public final class ReadinessHandler implements Handler<RoutingContext> {
  private final Readiness readiness;

  public ReadinessHandler(Readiness readiness) {
    this.readiness = readiness;
  }

  @Override
  public void handle(RoutingContext ctx) {
    readiness.report().onComplete(done -> {
      if (ctx.response().closed()) {
        return;
      }
      if (done.failed()) {
        ctx.fail(done.cause());
        return;
      }
      JsonObject body =
          new JsonObject()
              .put("status", done.result().status())
              .put("checks", new JsonObject(new java.util.LinkedHashMap<>(done.result().checks())));
      ctx.response()
          .setStatusCode(done.result().ready() ? 200 : 503)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .end(body.encode());
    });
  }
}

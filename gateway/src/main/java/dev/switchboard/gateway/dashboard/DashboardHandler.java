package dev.switchboard.gateway.dashboard;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /dashboard/*} from the in-memory {@link DashboardAssets}: gzip when the client
 * accepts it, 304 on a matching entity tag, and a content security policy that allows only this
 * origin. Unknown paths fall through to the router's 404.
 */
final class DashboardHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardHandler.class);
  private static final String PREFIX = "/dashboard/";
  // The pages load only their own scripts and call only this origin: no CDN, no inline script.
  // Styles allow inline because ECharts positions its tooltips with style attributes.
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  private final Future<DashboardAssets> assets;

  DashboardHandler(Future<DashboardAssets> assets) {
    this.assets = assets;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (!path.startsWith(PREFIX)) {
      ctx.next();
      return;
    }
    String relative = path.substring(PREFIX.length());
    assets.onComplete(loaded -> {
      if (loaded.failed()) {
        LOG.warn("dashboard files could not be loaded: {}", loaded.cause().toString());
        ctx.fail(500, loaded.cause());
        return;
      }
      loaded.result().find(relative).ifPresentOrElse(asset -> send(ctx, asset), ctx::next);
    });
  }

  private static void send(RoutingContext ctx, DashboardAsset asset) {
    HttpServerResponse response = ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType())
        .putHeader(HttpHeaders.ETAG, asset.etag())
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
    if (asset.etag().equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      response.setStatusCode(304).end();
      return;
    }
    String accepted = ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING);
    if (accepted != null && accepted.contains("gzip")) {
      response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip").end(Buffer.buffer(asset.gzipped()));
    } else {
      response.end(Buffer.buffer(asset.body()));
    }
  }
}

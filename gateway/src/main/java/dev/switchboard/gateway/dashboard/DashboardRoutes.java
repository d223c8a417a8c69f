package dev.switchboard.gateway.dashboard;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * Mounts the dashboard at {@code /dashboard/}: pages and ECharts from the jar, held in memory, so
 * the dashboard works offline and serving it never blocks an event loop.
 */
public final class DashboardRoutes {
  private DashboardRoutes() {}

  /** Adds the dashboard routes to {@code router}; the files load on a worker thread meanwhile. */
  public static void mount(Router router, Vertx vertx) {
    Future<DashboardAssets> assets = vertx.executeBlocking(DashboardAssets::bundled, false);
    // Vert.x matches "/dashboard" and "/dashboard/" alike; only the bare path needs the slash added,
    // so that the page's relative URLs resolve under /dashboard/.
    router.get("/dashboard").handler(ctx -> {
      if (ctx.normalizedPath().endsWith("/")) {
        ctx.next();
      } else {
        ctx.redirect("/dashboard/");
      }
    });
    router.get("/dashboard/*").handler(new DashboardHandler(assets));
  }
}

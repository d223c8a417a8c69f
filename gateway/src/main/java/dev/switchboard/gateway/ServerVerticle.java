package dev.switchboard.gateway;

import dev.switchboard.config.ServerConfig;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.dashboard.DashboardRoutes;
import dev.switchboard.gateway.http.ChatCompletionsHandler;
import dev.switchboard.gateway.http.ErrorResponder;
import dev.switchboard.gateway.http.HealthHandler;
import dev.switchboard.gateway.http.MetricsHandler;
import dev.switchboard.gateway.http.ModelsHandler;
import dev.switchboard.gateway.http.StatsHandler;
import dev.switchboard.gateway.provider.ProviderRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Runs the HTTP route table on one event loop; the gateway deploys one instance per core, all
 * sharing the listening port.
 */
final class ServerVerticle extends VerticleBase {
  private final GatewayServices services;
  private HttpServer server;

  ServerVerticle(GatewayServices services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    ServerConfig config = services.config().server();
    var client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setDecompressionSupported(true),
            new PoolOptions().setHttp1MaxSize(256).setHttp2MaxSize(8));
    ProviderRegistry providers = ProviderRegistry.create(client, config);
    Router router = Router.router(vertx);
    ChatCompletionsHandler chat =
        new ChatCompletionsHandler(services.router(), providers, services.recorder(), services.clock());
    router
        .post("/v1/chat/completions")
        .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
        .handler(chat);
    ModelsHandler models = new ModelsHandler(services.router());
    router.get("/v1/models").handler(models);
    router.get("/v1/models/*").handler(models);
    StatsHandler stats = new StatsHandler(services.aggregates(), services.clock());
    router.get("/v1/stats").handler(stats::list);
    router.get("/v1/stats/:analysis").handler(stats);
    DashboardRoutes.mount(router, vertx);
    router.get("/health").handler(new HealthHandler());
    router.get("/metrics").handler(new MetricsHandler(services.prometheus()));
    router.errorHandler(413, ctx -> chat.rejectOversize(ctx, config.maxBodyBytes()));
    router.errorHandler(
        404,
        ctx ->
            ErrorResponder.send(
                ctx.response(),
                new ApiError(404, "invalid_request_error", "unknown_url", null,
                    "Unknown request URL: " + ctx.request().method() + " " + ctx.request().path() + ".")));
    router.errorHandler(
        405,
        ctx ->
            ErrorResponder.send(
                ctx.response(),
                new ApiError(405, "invalid_request_error", "method_not_allowed", null,
                    "Method " + ctx.request().method() + " is not allowed on " + ctx.request().path() + ".")));
    router.errorHandler(500, ctx -> ErrorResponder.send(ctx.response(), ApiError.internal("Internal gateway error.")));
    server =
        vertx.createHttpServer(
            new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setTcpNoDelay(true)
                .setCompressionSupported(false));
    return server.requestHandler(router).listen();
  }

  /** Returns the port actually bound (useful when configured as 0). */
  int actualPort() {
    return server.actualPort();
  }
}

package dev.switchboard.gateway;

import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.gateway.admin.AdminKeysHandler;
import dev.switchboard.gateway.teams.TeamsAdminHandler;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.Dialect;
import dev.switchboard.gateway.dialect.IngressCodec;
import dev.switchboard.gateway.dialect.messages.CountTokensHandler;
import dev.switchboard.gateway.dialect.embeddings.EmbeddingsCodec;
import dev.switchboard.gateway.dialect.messages.MessagesCodec;
import dev.switchboard.gateway.dialect.responses.ResponsesCodec;
import dev.switchboard.gateway.http.ChatCodec;
import dev.switchboard.gateway.dashboard.DashboardRoutes;
import dev.switchboard.gateway.http.ChatCompletionsHandler;
import dev.switchboard.gateway.http.ErrorResponder;
import dev.switchboard.gateway.http.GenerationHandler;
import dev.switchboard.gateway.http.HealthHandler;
import dev.switchboard.gateway.http.ReadinessHandler;
import dev.switchboard.gateway.http.MetricsHandler;
import dev.switchboard.gateway.http.ModelsHandler;
import dev.switchboard.gateway.http.StatsHandler;
import dev.switchboard.gateway.provider.ProviderRegistry;
import dev.switchboard.gateway.routing.Dispatcher;
import dev.switchboard.gateway.routing.RouteResolver;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the HTTP route table on one event loop; the gateway deploys one instance per core, all
 * sharing the listening port.
 */
final class ServerVerticle extends VerticleBase {
  private static final long ADMIN_BODY_BYTES = 64 * 1024;
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
    RouteResolver resolver =
        new RouteResolver(
            services.router(),
            services.config().providers().stream().map(ProviderConfig::id).collect(Collectors.toSet()),
            services.routing());
    Dispatcher dispatcher = new Dispatcher(vertx, providers, services.routing());
    // one pipeline, one handler per ingress dialect: only the codec at the edge differs
    ChatCompletionsHandler chat = handler(resolver, dispatcher, new ChatCodec());
    ChatCompletionsHandler messages = handler(resolver, dispatcher, new MessagesCodec());
    ChatCompletionsHandler responses = handler(resolver, dispatcher, new ResponsesCodec());
    ChatCompletionsHandler embeddings = handler(resolver, dispatcher, new EmbeddingsCodec());
    // who is calling, before every /v1 handler (and before bodies are read: it pauses if it waits)
    // while draining, answers close their connection so keep-alive clients reconnect elsewhere
    router.route().handler(ctx -> {
      if (services.readiness().draining()) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
      }
      ctx.next();
    });
    router.route("/v1/*").handler(services.access().authHandler());
    AdminKeysHandler admin = services.access().adminHandler();
    router.post("/v1/admin/keys").handler(BodyHandler.create(false).setBodyLimit(ADMIN_BODY_BYTES)).handler(admin::create);
    router.get("/v1/admin/keys").handler(admin::list);
    router.get("/v1/admin/keys/:id").handler(admin::get);
    router.patch("/v1/admin/keys/:id").handler(BodyHandler.create(false).setBodyLimit(ADMIN_BODY_BYTES)).handler(admin::update);
    router.delete("/v1/admin/keys/:id").handler(admin::revoke);
    TeamsAdminHandler teams = services.access().teamsHandler();
    router.post("/v1/admin/teams").handler(BodyHandler.create(false).setBodyLimit(ADMIN_BODY_BYTES)).handler(teams::create);
    router.get("/v1/admin/teams").handler(teams::list);
    router.get("/v1/admin/teams/:id").handler(teams::get);
    router.patch("/v1/admin/teams/:id").handler(BodyHandler.create(false).setBodyLimit(ADMIN_BODY_BYTES)).handler(teams::update);
    router.delete("/v1/admin/teams/:id").handler(teams::delete);
    router.get("/v1/admin/tags").handler(teams::listTags);
    router.get("/v1/admin/tags/:tag").handler(teams::getTag);
    router.put("/v1/admin/tags/:tag").handler(BodyHandler.create(false).setBodyLimit(ADMIN_BODY_BYTES)).handler(teams::putTag);
    router.delete("/v1/admin/tags/:tag").handler(teams::deleteTag);
    // simulated time and key, for the admin in simulation mode only (before the body is read)
    router.post("/v1/chat/completions").handler(services.access().simulationGate());
    router
        .post("/v1/chat/completions")
        .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
        .handler(chat);
    router
        .post("/v1/messages")
        .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
        .handler(messages);
    router
        .post("/v1/responses")
        .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
        .handler(responses);
    router
        .post("/v1/embeddings")
        .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
        .handler(embeddings);
    router
        .post("/v1/messages/count_tokens")
        .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
        .handler(new CountTokensHandler());
    ModelsHandler models = new ModelsHandler(services.router());
    router.get("/v1/models").handler(models);
    router.get("/v1/models/*").handler(models);
    router.get("/v1/generation").handler(new GenerationHandler(services.store()));
    StatsHandler stats = new StatsHandler(services.aggregates(), services.clock(), services.access().teams());
    router.get("/v1/stats").handler(stats::list);
    router.get("/v1/stats/:analysis").handler(stats);
    DashboardRoutes.mount(router, vertx);
    router.get("/health").handler(new HealthHandler());
    router.get("/ready").handler(new ReadinessHandler(services.readiness()));
    router.get("/metrics").handler(new MetricsHandler(services.prometheus()));
    router.errorHandler(
        413,
        ctx -> (switch (Dialect.ofPath(ctx.request().path())) {
              case MESSAGES -> messages;
              case RESPONSES -> responses;
              case EMBEDDINGS -> embeddings;
              case CHAT -> chat;
            }).rejectOversize(ctx, config.maxBodyBytes()));
    router.errorHandler(
        404,
        ctx ->
            ErrorResponder.send(
                ctx,
                new ApiError(404, "invalid_request_error", "unknown_url", null,
                    "Unknown request URL: " + ctx.request().method() + " " + ctx.request().path() + ".")));
    router.errorHandler(
        405,
        ctx ->
            ErrorResponder.send(
                ctx,
                new ApiError(405, "invalid_request_error", "method_not_allowed", null,
                    "Method " + ctx.request().method() + " is not allowed on " + ctx.request().path() + ".")));
    router.errorHandler(500, ctx -> ErrorResponder.send(ctx, ApiError.internal("Internal gateway error.")));
    server =
        vertx.createHttpServer(
            new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setTcpNoDelay(true)
                .setCompressionSupported(false)
                // No cleartext HTTP/2 upgrade: Java's HttpClient asks for it on the first request
                // of every connection, and one such upgraded request hung for good in our
                // closed-loop test (client timeout not honoured either); clients stay on HTTP/1.1
                .setHttp2ClearTextEnabled(false));
    return server.requestHandler(router).listen();
  }

  private ChatCompletionsHandler handler(
      RouteResolver resolver, Dispatcher dispatcher, IngressCodec codec) {
    return new ChatCompletionsHandler(
        resolver, dispatcher, services.recorder(), services.access().policy(), codec, services.clock(),
        services.tracing());
  }

  /**
   * Stops accepting connections and closes each open one once its requests (streams included)
   * have finished, or when {@code timeout} has passed.
   */
  Future<Void> shutdown(Duration timeout) {
    return server.shutdown(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Returns the port actually bound (useful when configured as 0). */
  int actualPort() {
    return server.actualPort();
  }
}

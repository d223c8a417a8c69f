package dev.switchboard.gateway.judge;

import dev.switchboard.config.ServerConfig;
import dev.switchboard.gateway.provider.ProviderRegistry;
import dev.switchboard.gateway.routing.Dispatcher;
import dev.switchboard.gateway.routing.ResolvedRoute;
import dev.switchboard.gateway.routing.RoutingRuntime;
import dev.switchboard.gateway.usage.UsageRecorder;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * Gives the judge an event loop of its own with its own upstream client and provider adapters, so
 * judge calls use the gateway's routing in process without touching the serving loops' state.
 */
final class JudgeVerticle extends VerticleBase {
  private final Judge judge;
  private final ResolvedRoute route;
  private final UsageRecorder recorder;
  private final RoutingRuntime routing;
  private final ServerConfig server;

  JudgeVerticle(Judge judge, ResolvedRoute route, UsageRecorder recorder, RoutingRuntime routing, ServerConfig server) {
    this.judge = judge;
    this.route = route;
    this.recorder = recorder;
    this.routing = routing;
    this.server = server;
  }

  @Override
  public Future<?> start() {
    var client = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setDecompressionSupported(true),
        new PoolOptions().setHttp1MaxSize(Math.max(1, judge.config().concurrency())));
    Dispatcher dispatcher = new Dispatcher(vertx, ProviderRegistry.create(client, server), routing);
    judge.connect(new JudgeClient(context, dispatcher, route, recorder, judge.budget()));
    return Future.succeededFuture();
  }
}

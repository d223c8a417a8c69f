package dev.switchboard.gateway.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Relays POSTs to one upstream URL with nothing else (no auth, routing, parsing, telemetry): the
 * ceiling a Vert.x gateway can reach on this machine, for {@code run.sh --bare}. Same shape as
 * the gateway: a server verticle per core, a pooled keep-alive client, streams relayed chunk by
 * chunk.
 *
 * <pre>java -cp gateway/target/test-classes:gateway/target/switchboard.jar \
 *   dev.switchboard.gateway.bench.BareProxy 8090 http://127.0.0.1:9001/v1/chat/completions</pre>
 */
public final class BareProxy extends VerticleBase {
  private final int port;
  private final String upstream;

  private BareProxy(int port, String upstream) {
    this.port = port;
    this.upstream = upstream;
  }

  public static void main(String[] args) {
    int cores = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(cores));
    vertx.deployVerticle(
        () -> new BareProxy(Integer.parseInt(args[0]), args[1]), new DeploymentOptions().setInstances(cores));
  }

  @Override
  public Future<?> start() {
    HttpClient client = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(256));
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true))
        .requestHandler(request -> request.body().onSuccess(body -> client
            .request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(upstream)
                .putHeader("content-type", "application/json"))
            .compose(upstreamRequest -> upstreamRequest.send(body))
            .onSuccess(answer -> {
              HttpServerResponse out = request.response().setStatusCode(answer.statusCode());
              String type = answer.getHeader("content-type");
              out.putHeader("content-type", type);
              if (type != null && type.startsWith("text/event-stream")) {
                out.setChunked(true);
                answer.handler(out::write);
                answer.endHandler(v -> out.end());
              } else {
                answer.body().onSuccess(out::end);
              }
            })
            .onFailure(t -> request.response().setStatusCode(502).end())))
        .listen();
  }
}

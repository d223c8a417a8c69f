package dev.switchboard.gateway.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves simulated models over HTTP on 127.0.0.1 like an OpenAI-compatible provider: {@code POST
 * /v1/chat/completions} (plain and streamed) and {@code GET /v1/models}.
 */
public final class SimulatedUpstream {
  private static final long MAX_BODY_BYTES = 16L * 1024 * 1024;
  private static final String HOST = "127.0.0.1";

  /** The words per streamed content event unless set otherwise: a few, like real providers. */
  public static final int DEFAULT_WORDS_PER_CHUNK = 3;

  private final Map<String, DemoModelProfile> profiles;
  private final Clock clock;
  private final int wordsPerChunk;
  private HttpServer server;

  /** Creates an upstream serving {@code profiles}, stamping responses with {@code clock}. */
  public SimulatedUpstream(List<DemoModelProfile> profiles, Clock clock) {
    this(profiles, clock, DEFAULT_WORDS_PER_CHUNK);
  }

  /**
   * Creates an upstream streaming {@code wordsPerChunk} words per event: simulations of many
   * requests use larger events, which cost the gateway and the client less per token.
   */
  public SimulatedUpstream(List<DemoModelProfile> profiles, Clock clock, int wordsPerChunk) {
    if (wordsPerChunk < 1) {
      throw new IllegalArgumentException("wordsPerChunk must be at least 1");
    }
    this.wordsPerChunk = wordsPerChunk;
    Map<String, DemoModelProfile> byModel = new LinkedHashMap<>();
    for (DemoModelProfile p : profiles) {
      if (byModel.putIfAbsent(p.model(), p) != null) {
        throw new IllegalArgumentException("duplicate demo model profile: " + p.model());
      }
    }
    this.profiles = Collections.unmodifiableMap(byModel);
    this.clock = clock;
  }

  /** Creates an upstream serving {@code profiles} on the system clock. */
  public SimulatedUpstream(List<DemoModelProfile> profiles) {
    this(profiles, Clock.systemUTC());
  }

  /** Creates an upstream serving {@link DemoModelProfile#defaults()}. */
  public static SimulatedUpstream withDefaultProfiles() {
    return new SimulatedUpstream(DemoModelProfile.defaults());
  }

  /** Starts listening on {@code port} (0 picks a free one) and completes with the bound port. */
  public Future<Integer> start(Vertx vertx, int port) {
    if (server != null) {
      return Future.failedFuture(new IllegalStateException("already started"));
    }
    Router router = Router.router(vertx);
    router
        .post("/v1/chat/completions")
        .handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
        .handler(new ChatCompletionHandler(vertx, profiles, clock, wordsPerChunk));
    long created = clock.instant().getEpochSecond();
    String models = ChatCompletionJson.modelList(List.copyOf(profiles.values()), created);
    router
        .get("/v1/models")
        .handler(ctx -> ctx.response().putHeader("content-type", "application/json").end(models));
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(port, HOST)
        .map(
            s -> {
              server = s;
              return s.actualPort();
            });
  }

  /** Stops listening; completes at once when not started. */
  public Future<Void> stop() {
    if (server == null) {
      return Future.succeededFuture();
    }
    HttpServer s = server;
    server = null;
    return s.close();
  }

  /** Returns the bound port, or -1 when not started. */
  public int port() {
    return server == null ? -1 : server.actualPort();
  }

  /** Returns the served profiles, in configuration order. */
  public List<DemoModelProfile> profiles() {
    return List.copyOf(profiles.values());
  }
}

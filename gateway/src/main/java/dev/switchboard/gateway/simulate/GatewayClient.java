package dev.switchboard.gateway.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.auth.SimulationGate;
import dev.switchboard.gateway.simulate.scenario.Scenario.AppSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;

/**
 * Talks to a gateway over HTTP the way the simulator needs: chat requests sent by the admin on
 * behalf of a key at a simulated time (with the app's {@code X-Title} or {@code HTTP-Referer}),
 * key creation through the admin API, and plain GETs (metrics, stats).
 */
final class GatewayClient {
  private static final String USER_AGENT = "switchboard-simulator/1 (OpenAI-compatible)";

  private final HttpClient http;
  private final URI base;
  private final String adminKey;

  GatewayClient(Vertx vertx, URI base, String adminKey, int maxConnections) {
    this.base = base;
    this.adminKey = adminKey;
    this.http = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setIdleTimeout(60),
        new PoolOptions().setHttp1MaxSize(maxConnections).setMaxWaitQueueSize(-1));
  }

  /** Sends one chat request, at simulated time {@code at} unless null, and reads its answer. */
  Future<Observed> chat(ObjectNode body, boolean stream, Instant at, String keyId, AppSpec app) {
    RequestOptions options = options(HttpMethod.POST, "/v1/chat/completions")
        .putHeader("Content-Type", "application/json")
        .putHeader(SimulationGate.KEY_HEADER, keyId);
    if (at != null) {
      options.putHeader(SimulationGate.TIME_HEADER, at.toString());
    }
    if (stream) {
      options.putHeader("Accept", "text/event-stream");
    }
    if ("referer".equals(app.header())) {
      options.putHeader("HTTP-Referer", app.url());
    } else {
      options.putHeader("X-Title", app.name());
    }
    Buffer payload = JsonCodec.write(body);
    return http.request(options)
        .compose(request -> request.send(payload))
        .compose(response -> {
          String type = response.getHeader("content-type");
          if (response.statusCode() == 200 && type != null && type.startsWith("text/event-stream")) {
            AnswerReader reader = new AnswerReader(200);
            response.handler(reader::feed);
            return response.end().map(v -> reader.endStream());
          }
          return response.body().map(b -> AnswerReader.whole(response.statusCode(), b));
        })
        .recover(t -> Future.succeededFuture(Observed.noAnswer("connection: " + t.getClass().getSimpleName())));
  }

  /** Creates a gateway key through the admin API and returns its id. */
  Future<String> createKey(String name, String country) {
    ObjectNode body = JsonCodec.object().put("name", name).put("owner", "simulator").put("country", country);
    return http.request(options(HttpMethod.POST, "/v1/admin/keys").putHeader("Content-Type", "application/json"))
        .compose(r -> r.send(JsonCodec.write(body)))
        .compose(r -> r.body().map(b -> {
          if (r.statusCode() != 201) {
            throw new IllegalStateException("creating key " + name + " failed: HTTP " + r.statusCode() + " " + b);
          }
          return json(b).path("id").asText();
        }));
  }

  /** GETs {@code pathAndQuery} as the admin; fails on a status other than 200. */
  Future<Buffer> get(String pathAndQuery) {
    return http.request(options(HttpMethod.GET, pathAndQuery))
        .compose(r -> r.send())
        .compose(r -> r.body().map(b -> {
          if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + pathAndQuery + ": HTTP " + r.statusCode() + " " + b);
          }
          return b;
        }));
  }

  /** Closes the connections. */
  Future<Void> close() {
    return http.close();
  }

  private RequestOptions options(HttpMethod method, String path) {
    int port = base.getPort() > 0 ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80);
    String prefix = base.getPath() == null || base.getPath().equals("/") ? "" : base.getPath().replaceAll("/$", "");
    RequestOptions options = new RequestOptions()
        .setMethod(method)
        .setHost(base.getHost())
        .setPort(port)
        .setSsl("https".equals(base.getScheme()))
        .setURI(prefix + path)
        .putHeader("User-Agent", USER_AGENT);
    if (adminKey != null) {
      options.putHeader("Authorization", "Bearer " + adminKey);
    }
    return options;
  }

  private static JsonNode json(Buffer body) {
    try {
      return JsonCodec.read(body);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }
}

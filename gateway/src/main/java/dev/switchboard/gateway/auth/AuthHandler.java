package dev.switchboard.gateway.auth;

import dev.switchboard.config.AuthConfig.AuthMode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.Dialect;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.state.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Resolves the caller of every {@code /v1} request from {@code Authorization: Bearer <secret>} (or
 * Anthropic's {@code x-api-key}) and
 * attaches it to the routing context. In mode {@code keys} a missing, unknown, revoked, disabled
 * or expired key is answered with 401 here; in mode {@code none} such requests go on anonymously,
 * and a valid key is still honoured (attribution, limits).
 */
public final class AuthHandler implements Handler<RoutingContext> {
  private static final String BEARER = "bearer ";

  private final KeyDirectory keys;
  private final AuthMode mode;
  private final Clock clock;

  public AuthHandler(KeyDirectory keys, AuthMode mode, Clock clock) {
    this.keys = keys;
    this.mode = mode;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String secret = bearer(ctx.request());
    if (secret == null) {
      admitOrRefuse(ctx, Caller.anonymous(), AccessErrors.missingKey());
      return;
    }
    KeyDirectory.Presented presented = KeyDirectory.Presented.of(secret);
    if (keys.isAdmin(presented)) {
      Caller.admin().attachTo(ctx);
      ctx.next();
      return;
    }
    CompletableFuture<Optional<ApiKey>> lookup = keys.lookup(presented);
    if (lookup.isDone() && !lookup.isCompletedExceptionally()) {
      decide(ctx, lookup.join());
      return;
    }
    // The key has to come from the store: hold the body until the body handler runs.
    HttpServerRequest request = ctx.request();
    request.pause();
    Future.fromCompletionStage(lookup, ctx.vertx().getOrCreateContext())
        .onComplete(found -> {
          request.resume();
          if (found.succeeded()) {
            decide(ctx, found.result());
          } else if (StoreUnavailableException.isCause(found.cause())) {
            // not a refusal: the key may well be valid, the store holding it is away
            send(ctx, AccessErrors.keyStoreUnavailable("Checking this API key"));
          } else {
            send(ctx, ApiError.internal("The key lookup failed."));
          }
        });
  }

  private void decide(RoutingContext ctx, Optional<ApiKey> found) {
    if (found.isEmpty()) {
      admitOrRefuse(ctx, Caller.anonymous(), AccessErrors.incorrectKey());
      return;
    }
    String unusable = found.get().unusableReason(clock.instant());
    if (unusable != null) {
      admitOrRefuse(ctx, Caller.anonymous(), AccessErrors.unusableKey(unusable));
      return;
    }
    Caller.withKey(found.get()).attachTo(ctx);
    ctx.next();
  }

  private void admitOrRefuse(RoutingContext ctx, Caller fallback, ApiError refusal) {
    if (mode == AuthMode.KEYS) {
      send(ctx, refusal);
      return;
    }
    fallback.attachTo(ctx);
    ctx.next();
  }

  /**
   * Writes {@code error} in the envelope of the dialect the request's path belongs to (this
   * package sits below http, so not via it).
   */
  static void send(RoutingContext ctx, ApiError error) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten() || response.closed()) {
      return;
    }
    Dialect dialect = Dialect.ofPath(ctx.request().path());
    response
        .setStatusCode(dialect.status(error))
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(JsonCodec.write(dialect.errorBody(error)));
  }

  /**
   * Returns the key the request presents, or null when there is none: {@code Authorization:
   * Bearer}, else Anthropic's {@code x-api-key} (what Anthropic SDKs and Claude Code send).
   */
  static String bearer(HttpServerRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null) {
      String apiKey = request.getHeader("x-api-key");
      return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }
    if (header == null || header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = header.substring(BEARER.length()).trim();
    return token.isEmpty() ? null : token;
  }
}

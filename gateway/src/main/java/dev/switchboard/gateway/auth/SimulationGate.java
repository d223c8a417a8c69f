package dev.switchboard.gateway.auth;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.gateway.api.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the admin, in simulation mode only, record a request at a simulated time ({@value
 * #TIME_HEADER}, an ISO instant) and on behalf of one of the gateway keys ({@value #KEY_HEADER},
 * a key id), so a simulator can replay a year of traffic from many countries in minutes. Outside
 * simulation mode, or from anyone but the admin, both headers are ignored and their use is logged
 * at most once a minute.
 */
public final class SimulationGate implements Handler<RoutingContext> {
  /** The header carrying the simulated time of the request. */
  public static final String TIME_HEADER = "X-Switchboard-Simulated-Time";
  /** The header naming the key id the admin acts for. */
  public static final String KEY_HEADER = "X-Switchboard-Simulated-Key";

  private static final Logger LOG = LoggerFactory.getLogger(SimulationGate.class);
  private static final long LOG_INTERVAL_MS = 60_000;
  // short, so a key revoked or edited during a simulation stops working soon after
  private static final Duration KEY_TTL = Duration.ofSeconds(5);

  private final boolean enabled;
  private final Clock clock;
  private final AsyncLoadingCache<String, Optional<ApiKey>> keysById;
  private final AtomicLong lastIgnoredLog = new AtomicLong(Long.MIN_VALUE);

  /** Creates the gate; {@code enabled} is the config's {@code simulation.enabled}. */
  public SimulationGate(boolean enabled, KeyDirectory keys, Clock clock) {
    this.enabled = enabled;
    this.clock = clock;
    this.keysById =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(KEY_TTL)
            .buildAsync((id, executor) -> keys.get(id).toCompletionStage().toCompletableFuture());
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String time = request.getHeader(TIME_HEADER);
    String keyId = request.getHeader(KEY_HEADER);
    if (time == null && keyId == null) {
      ctx.next();
      return;
    }
    if (!enabled || !Caller.of(ctx).isAdmin()) {
      logIgnored(enabled ? "the caller is not the admin" : "simulation mode is off");
      ctx.next();
      return;
    }
    if (time != null) {
      try {
        new SimulatedTime(Instant.parse(time.trim())).attachTo(ctx);
      } catch (DateTimeParseException e) {
        AuthHandler.send(ctx, ApiError.badRequest("invalid_simulated_time", null,
            "Invalid " + TIME_HEADER + " header: expected an ISO-8601 instant such as 2025-03-01T12:00:00Z."));
        return;
      }
    }
    if (keyId == null) {
      ctx.next();
      return;
    }
    CompletableFuture<Optional<ApiKey>> lookup = keysById.get(keyId.trim());
    if (lookup.isDone() && !lookup.isCompletedExceptionally()) {
      actAs(ctx, lookup.join());
      return;
    }
    // the key comes from the store: hold the body until the body handler runs
    request.pause();
    Future.fromCompletionStage(lookup, ctx.vertx().getOrCreateContext())
        .onComplete(found -> {
          request.resume();
          if (found.succeeded()) {
            actAs(ctx, found.result());
          } else {
            AuthHandler.send(ctx, ApiError.internal("The key lookup failed."));
          }
        });
  }

  private void actAs(RoutingContext ctx, Optional<ApiKey> key) {
    if (key.isEmpty()) {
      AuthHandler.send(ctx, AccessErrors.incorrectKey());
      return;
    }
    String unusable = key.get().unusableReason(clock.instant());
    if (unusable != null) {
      AuthHandler.send(ctx, AccessErrors.unusableKey(unusable));
      return;
    }
    Caller.withKey(key.get()).attachTo(ctx);
    ctx.next();
  }

  private void logIgnored(String why) {
    long now = clock.millis();
    long last = lastIgnoredLog.get();
    if ((last == Long.MIN_VALUE || now - last >= LOG_INTERVAL_MS) && lastIgnoredLog.compareAndSet(last, now)) {
      LOG.warn("ignored {} / {} headers: {}", TIME_HEADER, KEY_HEADER, why);
    }
  }
}

package dev.switchboard.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.auth.AccessErrors;
import dev.switchboard.gateway.auth.ApiKey;
import dev.switchboard.gateway.auth.Caller;
import dev.switchboard.gateway.auth.KeyDirectory;
import dev.switchboard.gateway.auth.KeyEdit;
import dev.switchboard.gateway.http.ErrorResponder;
import dev.switchboard.gateway.limits.BudgetLedger;
import dev.switchboard.gateway.state.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /v1/admin/keys}: POST creates a key and answers its secret once, GET lists, GET
 * {@code /{id}} reads, PATCH {@code /{id}} changes, DELETE {@code /{id}} revokes. Only the admin
 * may call it.
 */
public final class AdminKeysHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AdminKeysHandler.class);

  private final KeyDirectory keys;
  private final BudgetLedger spend;
  private final boolean adminConfigured;

  public AdminKeysHandler(KeyDirectory keys, BudgetLedger spend, boolean adminConfigured) {
    this.keys = keys;
    this.spend = spend;
    this.adminConfigured = adminConfigured;
  }

  /** Handles {@code POST /v1/admin/keys}. */
  public void create(RoutingContext ctx) {
    Consumer<KeyEdit> fields = adminBody(ctx, true);
    if (fields == null) {
      return;
    }
    keys.create(fields)
        .onSuccess(created -> {
          LOG.info("created gateway key {} ({})", created.key().id(), created.key().name());
          ObjectNode body = KeyJson.render(created.key(), spend.spent(created.key().id()));
          body.put("key", created.secret()); // the only time the secret is ever shown
          send(ctx, 201, body);
        })
        .onFailure(t -> failed(ctx, "create", t));
  }

  /** Handles {@code GET /v1/admin/keys}. */
  public void list(RoutingContext ctx) {
    if (!isAdmin(ctx)) {
      return;
    }
    keys.list()
        .onSuccess(all -> send(ctx, 200, list(all)))
        .onFailure(t -> failed(ctx, "list", t));
  }

  /** Handles {@code GET /v1/admin/keys/:id}. */
  public void get(RoutingContext ctx) {
    if (isAdmin(ctx)) {
      answerKey(ctx, keys.get(ctx.pathParam("id")), "read");
    }
  }

  /** Handles {@code PATCH /v1/admin/keys/:id}. */
  public void update(RoutingContext ctx) {
    Consumer<KeyEdit> fields = adminBody(ctx, false);
    if (fields != null) {
      answerKey(ctx, keys.update(ctx.pathParam("id"), fields), "update");
    }
  }

  /** Handles {@code DELETE /v1/admin/keys/:id}. */
  public void revoke(RoutingContext ctx) {
    if (isAdmin(ctx)) {
      String id = ctx.pathParam("id");
      answerKey(ctx, keys.revoke(id).onSuccess(k -> k.ifPresent(
          key -> LOG.info("revoked gateway key {} ({})", key.id(), key.name()))), "revoke");
    }
  }

  private void answerKey(RoutingContext ctx, Future<Optional<ApiKey>> key, String action) {
    key.onSuccess(found -> {
          if (found.isEmpty()) {
            ErrorResponder.send(ctx.response(), new ApiError(404, "invalid_request_error", "key_not_found",
                "id", "No API key with id '" + ctx.pathParam("id") + "'."));
          } else {
            send(ctx, 200, KeyJson.render(found.get(), spend.spent(found.get().id())));
          }
        })
        .onFailure(t -> failed(ctx, action, t));
  }

  private ObjectNode list(List<ApiKey> all) {
    ObjectNode root = JsonCodec.object();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    all.forEach(key -> data.add(KeyJson.render(key, spend.spent(key.id()))));
    return root;
  }

  private Consumer<KeyEdit> adminBody(RoutingContext ctx, boolean creating) {
    if (!isAdmin(ctx)) {
      return null;
    }
    try {
      JsonNode body = JsonCodec.read(ctx.body().buffer());
      return KeyJson.parse(body, creating);
    } catch (IOException | RuntimeException e) {
      ApiError error = e instanceof ApiErrorException api
          ? api.error()
          : ApiError.badRequest("invalid_json", null, "The request body is not valid JSON.");
      ErrorResponder.send(ctx.response(), error);
      return null;
    }
  }

  private boolean isAdmin(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (caller.isAdmin()) {
      return true;
    }
    ErrorResponder.send(ctx.response(),
        caller.kind() == Caller.Kind.KEY ? AccessErrors.notAdmin() : AccessErrors.adminKeyRequired(adminConfigured));
    return false;
  }

  private static void send(RoutingContext ctx, int status, ObjectNode body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(JsonCodec.write(body));
  }

  private static void failed(RoutingContext ctx, String action, Throwable t) {
    if (t instanceof KeyDirectory.ReadOnlyKeyException) {
      ErrorResponder.send(ctx.response(),
          new ApiError(409, "invalid_request_error", "key_read_only", "id", t.getMessage()));
      return;
    }
    if (StoreUnavailableException.isCause(t)) {
      ErrorResponder.send(ctx.response(), AccessErrors.keyStoreUnavailable("The admin key operation (" + action + ")"));
      return;
    }
    LOG.warn("admin key {} failed: {}", action, t.toString());
    ErrorResponder.send(ctx.response(), ApiError.internal("The admin key operation (" + action + ") failed."));
  }
}

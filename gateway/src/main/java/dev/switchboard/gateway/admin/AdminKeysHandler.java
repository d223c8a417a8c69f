package dev.switchboard.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.auth.AccessErrors;
import dev.switchboard.gateway.auth.ApiKey;
import dev.switchboard.gateway.auth.KeyDirectory;
import dev.switchboard.gateway.auth.KeyEdit;
import dev.switchboard.gateway.http.ErrorResponder;
import dev.switchboard.gateway.limits.BudgetLedger;
import dev.switchboard.gateway.state.StoreUnavailableException;
import dev.switchboard.gateway.teams.KeyGovernance;
import dev.switchboard.gateway.teams.KeyTeamFields;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
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
  private final KeyTeamFields teamFields;

  /**
   * Creates the handler.
   *
   * @param teamFields reads, saves and renders a key's team and end-user/session caps
   */
  public AdminKeysHandler(
      KeyDirectory keys, BudgetLedger spend, boolean adminConfigured, KeyTeamFields teamFields) {
    this.keys = keys;
    this.spend = spend;
    this.adminConfigured = adminConfigured;
    this.teamFields = teamFields;
  }

  /** Handles {@code POST /v1/admin/keys}. */
  public void create(RoutingContext ctx) {
    Parsed parsed = adminBody(ctx, true);
    if (parsed == null) {
      return;
    }
    keys.create(parsed.fields())
        .compose(created -> teamFields.apply(created.key().id(), parsed.governance()).map(created))
        .onSuccess(created -> {
          LOG.info("created gateway key {} ({})", created.key().id(), created.key().name());
          ObjectNode body = render(created.key());
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
    Parsed parsed = adminBody(ctx, false);
    if (parsed != null) {
      answerKey(ctx, keys.update(ctx.pathParam("id"), parsed.fields()).compose(found -> found.isEmpty()
          ? Future.succeededFuture(found)
          : teamFields.apply(found.get().id(), parsed.governance()).map(found)), "update");
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
            send(ctx, 200, render(found.get()));
          }
        })
        .onFailure(t -> failed(ctx, action, t));
  }

  private ObjectNode list(List<ApiKey> all) {
    ObjectNode root = JsonCodec.object();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    all.forEach(key -> data.add(render(key)));
    return root;
  }

  private ObjectNode render(ApiKey key) {
    ObjectNode body = KeyJson.render(key, spend.spent(key.id()));
    teamFields.render(key.id(), body);
    return body;
  }

  /** A key body read: the key's own fields and its governance fields (team, caps). */
  private record Parsed(Consumer<KeyEdit> fields, UnaryOperator<KeyGovernance> governance) {}

  private Parsed adminBody(RoutingContext ctx, boolean creating) {
    if (!isAdmin(ctx)) {
      return null;
    }
    try {
      JsonNode body = JsonCodec.read(ctx.body().buffer());
      UnaryOperator<KeyGovernance> governance = teamFields.take(body); // removes its fields
      if (creating) {
        teamFields.checkNew(governance); // before the key exists, not after
      }
      return new Parsed(KeyJson.parse(body, creating), governance);
    } catch (IOException | RuntimeException e) {
      ApiError error = e instanceof ApiErrorException api
          ? api.error()
          : ApiError.badRequest("invalid_json", null, "The request body is not valid JSON.");
      ErrorResponder.send(ctx.response(), error);
      return null;
    }
  }

  private boolean isAdmin(RoutingContext ctx) {
    return AdminReplies.isAdmin(ctx, adminConfigured);
  }

  private static void send(RoutingContext ctx, int status, ObjectNode body) {
    AdminReplies.send(ctx, status, body);
  }

  private static void failed(RoutingContext ctx, String action, Throwable t) {
    if (t instanceof ApiErrorException api) {
      ErrorResponder.send(ctx.response(), api.error());
      return;
    }
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

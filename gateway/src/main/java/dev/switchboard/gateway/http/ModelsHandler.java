package dev.switchboard.gateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.catalog.ModelInfo;
import dev.switchboard.config.catalog.ModelPrices;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.routing.ModelRouter;
import dev.switchboard.gateway.routing.ResolvedTarget;
import dev.switchboard.gateway.api.ApiError;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Serves {@code GET /v1/models} in OpenAI's list format and {@code GET /v1/models/{id}}, each model
 * enriched with its catalog facts. Bodies are built once: routes and catalog do not change while
 * running.
 */
public final class ModelsHandler implements Handler<RoutingContext> {
  private static final String PREFIX = "/v1/models/";
  private final Buffer listBody;
  private final Map<String, Buffer> modelBodies = new HashMap<>();

  public ModelsHandler(ModelRouter router) {
    ObjectNode root = JsonCodec.object();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    for (Map.Entry<String, List<ResolvedTarget>> route : router.routes()) {
      ObjectNode model = render(route.getKey(), route.getValue());
      // where the route comes from: switchboard.yaml's models, or the catalog's native provider
      model.put("route", router.isCatalogRoute(route.getKey()) ? "catalog" : "config");
      data.add(model);
      modelBodies.put(route.getKey(), JsonCodec.write(model));
    }
    this.listBody = JsonCodec.write(root);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    if (!path.startsWith(PREFIX)) {
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(listBody);
      return;
    }
    // model ids contain '/': SDKs send it raw or percent-encoded
    String id = URLDecoder.decode(path.substring(PREFIX.length()), StandardCharsets.UTF_8);
    Buffer body = modelBodies.get(id);
    if (body == null) {
      ErrorResponder.send(ctx.response(), ApiError.modelNotFound(id));
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
  }

  private static ObjectNode render(String name, List<ResolvedTarget> targets) {
      ResolvedTarget first = targets.get(0);
      ModelInfo info = first.catalogEntry().orElse(null);
      ObjectNode model = JsonCodec.object();
      model.put("id", name);
      model.put("object", "model");
      model.put("created", created(info));
      model.put("owned_by", info != null ? info.author() : first.provider().id());
      ArrayNode providers = model.putArray("providers");
      targets.forEach(t -> providers.add(t.provider().id()));
      if (info != null) {
        addCatalogFacts(model, info);
      }
      return model;
  }

  private static void addCatalogFacts(ObjectNode model, ModelInfo info) {
    model.put("name", info.displayName());
    model.put("author", info.author());
    model.put("open_weights", info.openWeights());
    model.put("origin_country", info.originCountry());
    model.put("params_total_b", info.paramsTotalB());
    model.put("params_active_b", info.paramsActiveB());
    model.put("size_class", info.sizeClass().label());
    model.put("reasoning", info.reasoning());
    model.put("tools", info.tools());
    model.put("context_length", info.contextLength());
    model.put("release_date", info.releaseDate());
    ModelPrices prices = info.prices();
    ObjectNode pricing = model.putObject("pricing");
    // per 1M tokens, USD
    pricing.put("input", prices.input());
    pricing.put("output", prices.output());
    pricing.put("cache_read", prices.cacheRead());
    pricing.put("cache_write", prices.cacheWrite());
  }

  private static long created(ModelInfo info) {
    if (info == null || info.releaseDate() == null) {
      return 0;
    }
    String date = info.releaseDate().length() == 7 ? info.releaseDate() + "-01" : info.releaseDate();
    try {
      return LocalDate.parse(date).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    } catch (RuntimeException e) {
      return 0;
    }
  }
}

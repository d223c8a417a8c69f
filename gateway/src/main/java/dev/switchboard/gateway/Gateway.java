package dev.switchboard.gateway;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.catalog.ModelCatalog;
import dev.switchboard.gateway.limits.RateLimiter;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import dev.switchboard.gateway.routing.ModelRouter;
import dev.switchboard.gateway.routing.ResolvedTarget;
import dev.switchboard.gateway.routing.TargetKey;
import dev.switchboard.gateway.routing.RoutingRuntime;
import dev.switchboard.gateway.usage.ClassificationPool;
import dev.switchboard.gateway.usage.UsageRecorder;
import dev.switchboard.telemetry.classify.LanguageIdentifier;
import dev.switchboard.telemetry.classify.RequestClassifier;
import dev.switchboard.telemetry.classify.TextCaps;
import dev.switchboard.telemetry.journal.UsageJournal;
import dev.switchboard.telemetry.metrics.JournalMetrics;
import dev.switchboard.telemetry.metrics.TelemetryMetrics;
import dev.switchboard.telemetry.store.AsyncUsageWriter;
import dev.switchboard.telemetry.store.StateDatabase;
import dev.switchboard.telemetry.store.UsageStore;
import dev.switchboard.telemetry.store.UsageStores;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.gateway.observability.GenAi;
import dev.switchboard.gateway.observability.ObservabilityExports;
import dev.switchboard.gateway.observability.RequestLog;
import dev.switchboard.gateway.observability.Tracing;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes and runs one gateway: store, usage writer, metrics, and one server verticle per event
 * loop. The one composition root, used by {@link Main} and by tests.
 */
public final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final Vertx vertx;
  private final UsageStores.Opened stores;
  private final UsageStore store;
  private final AsyncUsageWriter writer;
  private final UsageJournal journal;
  private final ClassificationPool classification;
  private final UsageRecorder recorder;
  private final PrometheusMeterRegistry prometheus;
  private final AccessControl access;
  private final RoutingRuntime routing;
  private final ObservabilityExports exports;
  private final int port;
  private final String deploymentId;

  private Gateway(
      Vertx vertx,
      UsageStores.Opened stores,
      AsyncUsageWriter writer,
      UsageJournal journal,
      ClassificationPool classification,
      UsageRecorder recorder,
      PrometheusMeterRegistry prometheus,
      AccessControl access,
      RoutingRuntime routing,
      ObservabilityExports exports,
      int port,
      String deploymentId) {
    this.exports = exports;
    this.vertx = vertx;
    this.stores = stores;
    this.store = stores.usage();
    this.writer = writer;
    this.journal = journal;
    this.classification = classification;
    this.recorder = recorder;
    this.prometheus = prometheus;
    this.access = access;
    this.routing = routing;
    this.port = port;
    this.deploymentId = deploymentId;
  }

  /** Starts a gateway for {@code config} on {@code vertx}; the future gives the running gateway. */
  public static Future<Gateway> start(Vertx vertx, SwitchboardConfig config, Clock clock) {
    RoutingRuntime routing;
    try {
      routing = RoutingRuntime.system(vertx, config.routing(), config.state());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return start(vertx, config, clock, routing);
  }

  /** Starts a gateway whose routing uses {@code routing}'s time and randomness (for tests). */
  public static Future<Gateway> start(
      Vertx vertx, SwitchboardConfig config, Clock clock, RoutingRuntime routing) {
    LanguageIdentifier languages;
    try {
      languages = LanguageIdentifier.of(config.classifier().languages());
    } catch (IllegalArgumentException e) {
      // an unknown language code fails startup before anything is opened
      return Future.failedFuture(new IllegalArgumentException("classifier.languages: " + e.getMessage(), e));
    }
    return vertx
        .executeBlocking(() -> UsageStores.open(config.telemetry()))
        .compose(stores -> {
          ModelRouter router = ModelRouter.from(config, ModelCatalog.loadDefault());
          return AccessControl.start(vertx, config, stores.state(), router, clock)
              .onFailure(t -> stores.close())
              .compose(access -> vertx
                  // the OpenTelemetry SDK and exporters load and start threads: not on the event loop
                  .executeBlocking(() -> ObservabilityExports.open(config.observability()))
                  .onFailure(t -> {
                    access.stop();
                    stores.close();
                  })
                  .compose(exports ->
                      deploy(vertx, config, clock, stores, router, access, routing, languages, exports)));
        });
  }

  private static Future<Gateway> deploy(
      Vertx vertx,
      SwitchboardConfig config,
      Clock clock,
      UsageStores.Opened stores,
      ModelRouter router,
      AccessControl access,
      RoutingRuntime routing,
      LanguageIdentifier languages,
      ObservabilityExports exports) {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // every meter goes to Prometheus (scraped on /metrics) and, when asked, the OTLP push too
    MeterRegistry registry = exports.registryWith(prometheus);
    UsageStore store = stores.usage();
    UsageJournal journal = UsageJournal.open(config.telemetry().journal());
    AsyncUsageWriter writer = AsyncUsageWriter.start(store, journal, config.telemetry());
    new TelemetryMetrics(writer).bindTo(registry);
    new JournalMetrics(journal).bindTo(registry);
    routing.counters().bindTo(registry, routing.affinity());
    routing.counters().meters().watchBreakers(registry, routing.monitor(), configuredTargets(router));
    FunctionCounter.builder("gateway.limits.store.fallbacks", access.rateLimiter(), RateLimiter::fallbacks)
        .description("Rate-limit calls decided in this process after a shared-store error (fail open)")
        .register(registry);
    GatewayMetrics metrics =
        new GatewayMetrics(
            registry,
            router.routes().stream().map(Map.Entry::getKey).collect(Collectors.toSet()),
            config.providers().stream().collect(Collectors.toMap(ProviderConfig::id, GenAi::providerName)));
    ClassificationPool classification = ClassificationPool.start(
        config.classifier(), () -> RequestClassifier.create(languages, TextCaps.defaults()), registry);
    UsageRecorder recorder =
        new UsageRecorder(vertx, writer, metrics, classification, clock, access.bodySink(), journal,
            config.observability().requestLog() ? RequestLog.toLogger() : RequestLog.off());
    GatewayServices services =
        new GatewayServices(
            config, router, recorder, store, store.aggregates(), prometheus, clock, access, routing, exports.tracing());
    AtomicReference<ServerVerticle> first = new AtomicReference<>();
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    return vertx
        .deployVerticle(
            () -> {
              ServerVerticle verticle = new ServerVerticle(services);
              first.compareAndSet(null, verticle);
              return verticle;
            },
            new DeploymentOptions().setInstances(instances))
        .map(id -> new Gateway(vertx, stores, writer, journal, classification, recorder, prometheus, access, routing,
            exports, first.get().actualPort(), id))
        .onSuccess(g -> LOG.info("switchboard listening on {}:{} with {} event loops, {} routes, usage in {}",
            config.server().host(), g.port, instances, router.routes().size(), config.telemetry().describeStore()))
        .onFailure(t -> {
          recorder.close();
          exports.close();
          classification.close();
          access.stop();
          writer.close();
          journal.close();
          stores.close();
        });
  }

  /** Returns the targets of the configured routes (catalog routes would add a series per model). */
  private static Set<TargetKey> configuredTargets(ModelRouter router) {
    Set<TargetKey> keys = new LinkedHashSet<>();
    for (Map.Entry<String, List<ResolvedTarget>> route : router.routes()) {
      if (!router.isCatalogRoute(route.getKey())) {
        route.getValue().forEach(target -> keys.add(target.key()));
      }
    }
    return keys;
  }

  /** Returns the port the server listens on. */
  public int port() {
    return port;
  }

  /** Returns the usage store (blocking calls: keep off event loops). */
  public UsageStore store() {
    return store;
  }

  /** Returns the local database of keys, spend and stored bodies (blocking calls). */
  public StateDatabase state() {
    return stores.state();
  }

  /** Returns the asynchronous usage writer. */
  public AsyncUsageWriter writer() {
    return writer;
  }

  /** Returns the durable usage journal in front of the store. */
  public UsageJournal journal() {
    return journal;
  }

  /** Returns keys, limits, budgets and stored bodies. */
  public AccessControl access() {
    return access;
  }

  /** Returns the metrics registry. */
  public PrometheusMeterRegistry metrics() {
    return prometheus;
  }

  /** Returns request tracing (off unless {@code observability.otlp} is configured). */
  public Tracing tracing() {
    return exports.tracing();
  }

  /** Stops serving, finishes queued classifications, flushes usage records, and closes the store. */
  public Future<Void> stop() {
    return vertx
        .undeploy(deploymentId)
        .compose(v -> access.stop())
        .compose(v -> routing.affinity().close())
        .compose(v -> vertx.executeBlocking(() -> {
          recorder.close();
          classification.close();
          // after the recorder: the last records end their spans and meters first
          exports.close();
          writer.close();
          journal.close();
          stores.close();
          return null;
        }));
  }
}

package dev.switchboard.gateway;

import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.catalog.ModelCatalog;
import dev.switchboard.gateway.judge.Judge;
import dev.switchboard.gateway.lifecycle.Readiness;
import dev.switchboard.gateway.limits.BudgetLedger;
import dev.switchboard.gateway.limits.RateLimiter;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import dev.switchboard.gateway.reports.SpendReports;
import dev.switchboard.gateway.routing.ModelRouter;
import dev.switchboard.gateway.routing.ResolvedTarget;
import dev.switchboard.gateway.routing.TargetKey;
import dev.switchboard.gateway.routing.RoutingRuntime;
import dev.switchboard.gateway.state.RedisConnection;
import dev.switchboard.gateway.usage.ClassificationPool;
import dev.switchboard.gateway.usage.RecordJudge;
import dev.switchboard.gateway.usage.UsageRecorder;
import dev.switchboard.telemetry.classify.LanguageIdentifier;
import dev.switchboard.telemetry.classify.RequestClassifier;
import dev.switchboard.telemetry.classify.TextCaps;
import dev.switchboard.telemetry.journal.UsageJournal;
import dev.switchboard.telemetry.tokens.TokenCounter;
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
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private final Judge judge; // null when classifier.judge is off
  private final UsageRecorder recorder;
  private final PrometheusMeterRegistry prometheus;
  private final AccessControl access;
  private final RoutingRuntime routing;
  private final Readiness readiness;
  private final List<ServerVerticle> verticles;
  private final ServerConfig server;
  private final ObservabilityExports exports;
  private final int port;
  private final String deploymentId;
  private volatile SpendReports reports; // null when alerts.reports is off

  private Gateway(
      Vertx vertx,
      UsageStores.Opened stores,
      AsyncUsageWriter writer,
      UsageJournal journal,
      ClassificationPool classification,
      Judge judge,
      UsageRecorder recorder,
      PrometheusMeterRegistry prometheus,
      AccessControl access,
      RoutingRuntime routing,
      Readiness readiness,
      List<ServerVerticle> verticles,
      ServerConfig server,
      ObservabilityExports exports,
      String deploymentId) {
    this.judge = judge;
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
    this.readiness = readiness;
    this.verticles = List.copyOf(verticles);
    this.server = server;
    this.port = verticles.get(0).actualPort();
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
    // the catalog is parsed on the worker too: a second of CPU at start must not block an event loop
    return vertx
        .executeBlocking(() -> {
          UsageStores.Opened stores = UsageStores.open(config.telemetry());
          try {
            return new Opening(stores, ModelRouter.from(config, ModelCatalog.loadDefault()));
          } catch (RuntimeException e) {
            stores.close();
            throw e;
          }
        })
        .compose(opening -> {
          UsageStores.Opened stores = opening.stores();
          ModelRouter router = opening.router();
          return vertx.executeBlocking(() -> openJournal(config, stores))
              .onFailure(t -> stores.close())
              // after the replay: key spend is caught up from the records an earlier run left
              .compose(journal -> AccessControl.start(vertx, config, stores.state(), stores.usage(), router, clock)
                  .onFailure(t -> {
                    journal.close();
                    stores.close();
                  })
                  .compose(access -> vertx
                      // the OpenTelemetry SDK and exporters load and start threads: not on the event loop
                      .executeBlocking(() -> ObservabilityExports.open(config.observability()))
                      .onFailure(t -> {
                        access.stop();
                        journal.close();
                        stores.close();
                      })
                      .compose(exports -> deploy(
                          vertx, config, clock, stores, journal, router, access, routing, languages, exports))));
        });
  }

  /**
   * Opens the usage journal and stores what an earlier run left in it, before anything reads the
   * store: a crashed run's last records carry spend its key totals never saved. If the store
   * refuses them now, the writer keeps replaying them later.
   */
  private static UsageJournal openJournal(SwitchboardConfig config, UsageStores.Opened stores) {
    UsageJournal journal = UsageJournal.open(config.telemetry().journal());
    if (journal.needsReplay()) {
      try {
        int n = journal.replay(stores.usage()::appendIdempotent, config.telemetry().batchSize());
        if (n > 0) {
          LOG.info("stored {} usage records from the journal before start", n);
        }
      } catch (RuntimeException e) {
        LOG.warn("usage records in the journal not stored yet (retried in the background): {}", e.toString());
      }
    }
    return journal;
  }

  /** Holds what start-up opens with blocking calls. */
  private record Opening(UsageStores.Opened stores, ModelRouter router) {}

  private static Future<Gateway> deploy(
      Vertx vertx,
      SwitchboardConfig config,
      Clock clock,
      UsageStores.Opened stores,
      UsageJournal journal,
      ModelRouter router,
      AccessControl access,
      RoutingRuntime routing,
      LanguageIdentifier languages,
      ObservabilityExports exports) {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // every meter goes to Prometheus (scraped on /metrics) and, when asked, the OTLP push too
    MeterRegistry registry = exports.registryWith(prometheus);
    Judge judge;
    try {
      // the judge's model must be a route this gateway serves: a clear error at start, not at the first sample
      judge = config.classifier().judge().map(j -> Judge.create(j, router, clock, prometheus)).orElse(null);
    } catch (IllegalArgumentException e) {
      return access.stop().eventually(() -> {
        exports.close();
        journal.close();
        stores.close();
        return Future.succeededFuture();
      }).compose(v -> Future.failedFuture(e));
    }
    UsageStore store = stores.usage();
    AsyncUsageWriter writer = AsyncUsageWriter.start(store, journal, config.telemetry());
    new TelemetryMetrics(writer).bindTo(registry);
    new JournalMetrics(journal).bindTo(registry);
    routing.counters().bindTo(registry, routing.affinity());
    routing.counters().meters().watchBreakers(registry, routing.monitor(), configuredTargets(router));
    FunctionCounter.builder("gateway.limits.store.fallbacks", access.rateLimiter(), RateLimiter::fallbacks)
        .description("Rate-limit calls decided in this process after a shared-store error (fail open)")
        .register(registry);
    FunctionCounter.builder("gateway.budget.store.fallbacks", access.budgetLedger(), BudgetLedger::fallbacks)
        .description("Budget checks and charges made without the shared store (Redis) after an error")
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
            judge == null ? RecordJudge.none() : judge,
            config.observability().requestLog() ? RequestLog.toLogger() : RequestLog.off());
    Readiness readiness = new Readiness(vertx);
    access.readinessCheck().ifPresent(readiness::register);
    RedisConnection.url(config.state())
        .ifPresent(url -> readiness.register(RedisConnection.readinessCheck(vertx, url)));
    GatewayServices services =
        new GatewayServices(
            config, router, recorder, store, store.aggregates(), prometheus, clock, access, routing,
            readiness, exports.tracing());
    List<ServerVerticle> verticles = new CopyOnWriteArrayList<>();
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    Future<Void> judging = judge == null ? Future.succeededFuture() : judge.deploy(vertx, recorder, routing, config.server());
    return judging
        .compose(ready -> vertx.deployVerticle(
            () -> {
              ServerVerticle verticle = new ServerVerticle(services);
              verticles.add(verticle);
              return verticle;
            },
            new DeploymentOptions().setInstances(instances)))
        .map(id -> {
          Gateway gateway = new Gateway(vertx, stores, writer, journal, classification, judge, recorder, prometheus,
              access, routing, readiness, verticles, config.server(), exports, id);
          gateway.reports = SpendReports.start(
              vertx, config.alerts().reports(), access.alerts(), access.teams(), store.aggregates(), clock);
          return gateway;
        })
        .onSuccess(g -> {
          LOG.info("switchboard listening on {}:{} with {} event loops, {} routes, usage in {}",
              config.server().host(), g.port, instances, router.routes().size(), config.telemetry().describeStore());
          // the tokenizer's table (~0.15 s of CPU) loads once the gateway listens: only records need it,
          // and loaded during start-up it took a core from opening the stores and deploying
          TokenCounter.preload();
        })
        .onFailure(t -> {
          recorder.close();
          exports.close();
          classification.close();
          if (judge != null) {
            judge.close();
          }
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

  /** Returns what {@code /ready} reports: draining, and the shared stores' reachability. */
  public Readiness readiness() {
    return readiness;
  }

  /**
   * Leaves the fleet without cutting an answer: reports not ready at once, keeps accepting for
   * {@code server.drain_delay_ms} (so a load balancer polling {@code /ready} stops sending first),
   * then stops accepting and lets requests and streams in flight finish for up to {@code
   * server.drain_timeout_ms}, and finally stops as {@link #stop()} does (records flushed).
   */
  public Future<Void> drain() {
    readiness.startDraining();
    LOG.info("draining: reporting not ready, closing the listener in {} ms, in-flight requests get up to {} ms",
        server.drainDelay().toMillis(), server.drainTimeout().toMillis());
    Promise<Void> delayed = Promise.promise();
    if (server.drainDelay().isZero()) {
      delayed.complete();
    } else {
      vertx.setTimer(server.drainDelay().toMillis(), id -> delayed.complete());
    }
    return delayed.future()
        .compose(v -> Future.join(verticles.stream().<Future<?>>map(v2 -> v2.shutdown(server.drainTimeout())).toList()))
        .transform(closed -> {
          LOG.info("drained: in-flight requests finished; flushing records and stopping");
          return stop();
        });
  }

  /** Returns the longest {@link #drain()} waits for requests in flight: delay plus timeout. */
  public java.time.Duration drainBudget() {
    return server.drainDelay().plus(server.drainTimeout());
  }

  /** Returns request tracing (off unless {@code observability.otlp} is configured). */
  public Tracing tracing() {
    return exports.tracing();
  }

  /** Stops serving, finishes queued classifications, flushes usage records, and closes the store. */
  public Future<Void> stop() {
    if (reports != null) {
      reports.close();
    }
    return vertx
        .undeploy(deploymentId)
        // records built first: their settlements charge spend that access.stop() then saves
        .compose(v -> vertx.executeBlocking(() -> {
          recorder.close();
          return null;
        }))
        .compose(v -> {
          readiness.close();
          return access.stop();
        })
        .compose(v -> routing.affinity().close())
        .compose(v -> routing.affinity().close())
        .compose(v -> vertx.executeBlocking(() -> {
          classification.close();
          if (judge != null) {
            judge.close(); // after the classifier, whose last records it may still hold; before the writer
          }
          // after the recorder: the last records end their spans and meters first
          exports.close();
          writer.close();
          journal.close();
          stores.close();
          return null;
        }));
  }
}

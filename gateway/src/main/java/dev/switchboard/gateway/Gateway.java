package dev.switchboard.gateway;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.catalog.ModelCatalog;
import dev.switchboard.gateway.limits.BudgetLedger;
import dev.switchboard.gateway.limits.RateLimiter;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import dev.switchboard.gateway.routing.ModelRouter;
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
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
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
      int port,
      String deploymentId) {
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
        .compose(stores -> vertx.executeBlocking(() -> openJournal(config, stores))
            .onFailure(t -> stores.close())
            .compose(journal -> {
              ModelRouter router = ModelRouter.from(config, ModelCatalog.loadDefault());
              // after the replay: key spend is caught up from the records an earlier run left
              return AccessControl.start(vertx, config, stores.state(), stores.usage(), router, clock)
                  .onFailure(t -> {
                    journal.close();
                    stores.close();
                  })
                  .compose(access ->
                      deploy(vertx, config, clock, stores, journal, router, access, routing, languages));
            }));
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

  private static Future<Gateway> deploy(
      Vertx vertx,
      SwitchboardConfig config,
      Clock clock,
      UsageStores.Opened stores,
      UsageJournal journal,
      ModelRouter router,
      AccessControl access,
      RoutingRuntime routing,
      LanguageIdentifier languages) {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    UsageStore store = stores.usage();
    AsyncUsageWriter writer = AsyncUsageWriter.start(store, journal, config.telemetry());
    new TelemetryMetrics(writer).bindTo(prometheus);
    new JournalMetrics(journal).bindTo(prometheus);
    routing.counters().bindTo(prometheus, routing.affinity());
    FunctionCounter.builder("gateway.limits.store.fallbacks", access.rateLimiter(), RateLimiter::fallbacks)
        .description("Rate-limit calls decided in this process after a shared-store error (fail open)")
        .register(prometheus);
    FunctionCounter.builder("gateway.budget.store.fallbacks", access.budgetLedger(), BudgetLedger::fallbacks)
        .description("Budget checks and charges made without the shared store (Redis) after an error")
        .register(prometheus);
    GatewayMetrics metrics =
        new GatewayMetrics(
            prometheus,
            router.routes().stream().map(Map.Entry::getKey).collect(Collectors.toSet()));
    ClassificationPool classification = ClassificationPool.start(
        config.classifier(), () -> RequestClassifier.create(languages, TextCaps.defaults()), prometheus);
    UsageRecorder recorder =
        new UsageRecorder(vertx, writer, metrics, classification, clock, access.bodySink(), journal);
    GatewayServices services =
        new GatewayServices(
            config, router, recorder, store, store.aggregates(), prometheus, clock, access, routing);
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
        .map(id -> new Gateway(vertx, stores, writer, journal, classification, recorder, prometheus, access, routing, first.get().actualPort(), id))
        .onSuccess(g -> LOG.info("switchboard listening on {}:{} with {} event loops, {} routes, usage in {}",
            config.server().host(), g.port, instances, router.routes().size(), config.telemetry().describeStore()))
        .onFailure(t -> {
          recorder.close();
          classification.close();
          access.stop();
          writer.close();
          journal.close();
          stores.close();
        });
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

  /** Stops serving, finishes queued classifications, flushes usage records, and closes the store. */
  public Future<Void> stop() {
    return vertx
        .undeploy(deploymentId)
        // records built first: their settlements charge spend that access.stop() then saves
        .compose(v -> vertx.executeBlocking(() -> {
          recorder.close();
          return null;
        }))
        .compose(v -> access.stop())
        .compose(v -> routing.affinity().close())
        .compose(v -> vertx.executeBlocking(() -> {
          classification.close();
          writer.close();
          journal.close();
          stores.close();
          return null;
        }));
  }
}

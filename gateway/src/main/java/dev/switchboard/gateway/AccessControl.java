package dev.switchboard.gateway;

import dev.switchboard.config.AuthConfig;
import dev.switchboard.config.StaticKeyConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.UpstreamLimitConfig;
import dev.switchboard.gateway.admin.AdminKeysHandler;
import dev.switchboard.gateway.auth.ApiKey;
import dev.switchboard.gateway.auth.AuthHandler;
import dev.switchboard.gateway.auth.DuckDbKeyStore;
import dev.switchboard.gateway.auth.KeyDirectory;
import dev.switchboard.gateway.auth.KeySecret;
import dev.switchboard.gateway.auth.ModelPatterns;
import dev.switchboard.gateway.auth.SimulationGate;
import dev.switchboard.gateway.auth.SpendRow;
import dev.switchboard.gateway.auth.StoredKey;
import dev.switchboard.gateway.limits.AccessPolicy;
import dev.switchboard.gateway.limits.BudgetLedger;
import dev.switchboard.gateway.limits.BudgetLedgers;
import dev.switchboard.gateway.limits.KeyAccessPolicy;
import dev.switchboard.gateway.limits.RateLimiter;
import dev.switchboard.gateway.limits.RateLimiters;
import dev.switchboard.gateway.limits.RateLimits;
import dev.switchboard.gateway.limits.SpendLedger;
import dev.switchboard.gateway.limits.SpendTotals;
import dev.switchboard.gateway.limits.StoredSpend;
import dev.switchboard.gateway.limits.UpstreamLimit;
import dev.switchboard.gateway.routing.ModelRouter;
import dev.switchboard.gateway.routing.ResolvedTarget;
import dev.switchboard.gateway.usage.BodySink;
import dev.switchboard.gateway.usage.DuckDbBodyArchive;
import dev.switchboard.telemetry.store.KeyCost;
import dev.switchboard.telemetry.store.StateDatabase;
import dev.switchboard.telemetry.store.UsageStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes keys, limits, budgets and body storage for one gateway: resolves secrets, opens the key
 * tables, restores today's and this month's spend (the saved totals, caught up with the stored
 * usage records' costs, so a crash loses no answered request's spend), and runs the two periodic
 * jobs (saving spend increments every second, deleting bodies past their retention every hour) on
 * worker threads.
 */
public final class AccessControl {
  private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
  private static final long SPEND_FLUSH_MS = 1_000;
  private static final long BODY_PURGE_MS = Duration.ofHours(1).toMillis();

  private final Vertx vertx;
  private final DuckDbKeyStore keyStore;
  private final DuckDbBodyArchive bodies;
  private final BudgetLedger ledger;
  private final KeyDirectory directory;
  private final RateLimiter limiter;
  private final AccessPolicy policy;
  private final AuthHandler authHandler;
  private final SimulationGate simulationGate;
  private final AdminKeysHandler adminHandler;
  private final Duration retention;
  private final Clock clock;
  private long flushTimer = -1;
  private long purgeTimer = -1;

  private AccessControl(
      Vertx vertx,
      SwitchboardConfig config,
      Opened opened,
      RateLimiter limiter,
      BudgetLedger ledger,
      ModelRouter router,
      Clock clock) {
    AuthConfig auth = config.auth();
    this.vertx = vertx;
    this.keyStore = opened.keyStore;
    this.bodies = opened.bodies;
    this.ledger = ledger;
    this.clock = clock;
    this.retention = auth.bodyRetention();
    this.directory = new KeyDirectory(vertx, keyStore, clock, opened.adminKey, opened.staticKeys);
    this.limiter = limiter;
    this.policy = new KeyAccessPolicy(limiter, ledger, upstreamLimits(auth, router));
    this.authHandler = new AuthHandler(directory, auth.mode(), clock);
    this.simulationGate = new SimulationGate(config.simulation().enabled(), directory, clock);
    this.adminHandler = new AdminKeysHandler(directory, ledger, opened.adminKey != null);
  }

  /**
   * Opens everything on a worker thread and starts the periodic jobs. Call it once the usage
   * journal of an earlier run is replayed into {@code usage}: the spend is caught up from there.
   *
   * @param usage the usage store whose records' costs the saved spend is caught up with
   * @return a failed future naming the variable when a secret's environment variable is unset
   */
  public static Future<AccessControl> start(
      Vertx vertx,
      SwitchboardConfig config,
      StateDatabase store,
      UsageStore usage,
      ModelRouter router,
      Clock clock) {
    return vertx
        .executeBlocking(() -> Opened.open(config.auth(), store, usage, clock), false)
        .compose(opened -> RateLimiters.start(vertx, config.state(), clock, System::nanoTime)
            .compose(limiter -> BudgetLedgers.start(
                    vertx, config.state(), opened.ledger, storedSpend(vertx, opened.keyStore), System::nanoTime)
                .onFailure(t -> limiter.close())
                .map(ledger -> new AccessControl(vertx, config, opened, limiter, ledger, router, clock))))
        .map(access -> {
          access.flushTimer = vertx.setPeriodic(SPEND_FLUSH_MS, id -> access.flushSpend());
          access.purgeTimer =
              vertx.setPeriodic(0, BODY_PURGE_MS, id -> access.purgeExpiredBodies());
          return access;
        });
  }

  public AuthHandler authHandler() {
    return authHandler;
  }

  /** Returns the gate that honours simulated time for the admin in simulation mode. */
  public SimulationGate simulationGate() {
    return simulationGate;
  }

  public AdminKeysHandler adminHandler() {
    return adminHandler;
  }

  /** Returns the budget ledger behind the policy: shared through Redis or in this process. */
  public BudgetLedger budgetLedger() {
    return ledger;
  }

  /** Returns the rate limiter behind the policy: shared through Redis or in this process. */
  public RateLimiter rateLimiter() {
    return limiter;
  }

  public AccessPolicy policy() {
    return policy;
  }

  /** Returns where opted-in bodies go: inserted on a worker thread, failures logged. */
  public BodySink bodySink() {
    return body ->
        vertx.executeBlocking(() -> {
              bodies.insert(body);
              return null;
            }, false)
            .onFailure(t -> LOG.warn("bodies of {} not stored: {}", body.id(), t.toString()));
  }

  /** Returns the archive of stored bodies (blocking calls). */
  public DuckDbBodyArchive bodies() {
    return bodies;
  }

  /** Deletes bodies older than the retention period; the future gives how many. */
  public Future<Integer> purgeExpiredBodies() {
    return vertx
        .executeBlocking(() -> bodies.deleteOlderThan(clock.instant().minus(retention)), false)
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("deleted {} stored bodies older than {} days", n, retention.toDays());
          }
        })
        .onFailure(t -> LOG.warn("deleting expired bodies failed: {}", t.toString()));
  }

  /** Adds the spend charged since the last save to the stored totals. */
  public Future<Void> flushSpend() {
    return vertx.<Void>executeBlocking(() -> {
      List<SpendRow> increments = ledger.drainUnsaved();
      try {
        keyStore.saveSpend(increments);
      } catch (RuntimeException e) {
        ledger.keepUnsaved(increments); // added again with the next save: none lost, none twice
        throw e;
      }
      return null;
    }, false).onFailure(t -> LOG.warn("saving key spend failed: {}", t.toString()));
  }

  /** Stops the periodic jobs, saves the last spend and closes the limiter's and ledger's connections. */
  public Future<Void> stop() {
    vertx.cancelTimer(flushTimer);
    vertx.cancelTimer(purgeTimer);
    return flushSpend().eventually(limiter::close).eventually(ledger::close);
  }

  /** Reads one key's saved totals on a worker thread, to seed a shared ledger's missing period. */
  private static StoredSpend storedSpend(Vertx vertx, DuckDbKeyStore keys) {
    return (keyId, day) -> vertx.executeBlocking(() -> {
      double dayUsd = 0;
      double monthUsd = 0;
      for (SpendRow row : keys.loadSpend(keyId, day, day.withDayOfMonth(1))) {
        if (row.period().equals(SpendRow.DAY)) {
          dayUsd = row.spendUsd();
        } else {
          monthUsd = row.spendUsd();
        }
      }
      return new SpendTotals(dayUsd, monthUsd);
    }, false);
  }

  private static Map<String, UpstreamLimit> upstreamLimits(AuthConfig auth, ModelRouter router) {
    Map<String, UpstreamLimit> byModel = new HashMap<>();
    if (auth.upstreamLimits().isEmpty()) {
      return byModel;
    }
    for (Map.Entry<String, List<ResolvedTarget>> route : router.routes()) {
      ResolvedTarget primary = route.getValue().get(0);
      UpstreamLimitConfig exact = null;
      UpstreamLimitConfig wholeProvider = null;
      for (UpstreamLimitConfig limit : auth.upstreamLimits()) {
        if (limit.provider().equals(primary.provider().id())) {
          if (primary.upstreamModel().equals(limit.model())) {
            exact = limit;
          } else if (limit.model() == null) {
            wholeProvider = limit;
          }
        }
      }
      UpstreamLimitConfig chosen = exact != null ? exact : wholeProvider;
      if (chosen != null) {
        String bucket =
            "upstream:" + chosen.provider() + "/" + (chosen.model() == null ? "*" : chosen.model());
        byModel.put(route.getKey(), new UpstreamLimit(bucket, new RateLimits(chosen.rpm(), chosen.tpm())));
      }
    }
    return byModel;
  }

  /** Holds what is opened with blocking calls before the services are composed. */
  private record Opened(
      DuckDbKeyStore keyStore,
      DuckDbBodyArchive bodies,
      SpendLedger ledger,
      String adminKey,
      List<StoredKey> staticKeys) {

    static Opened open(AuthConfig auth, StateDatabase store, UsageStore usage, Clock clock) {
      String adminKey = auth.adminKey().resolve().orElse(null);
      List<StoredKey> staticKeys = new ArrayList<>();
      for (StaticKeyConfig declared : auth.keys()) {
        staticKeys.add(staticKey(declared));
      }
      DuckDbKeyStore keys = DuckDbKeyStore.open(store);
      DuckDbBodyArchive bodies = DuckDbBodyArchive.open(store);
      SpendLedger ledger = new SpendLedger(clock);
      LocalDate today = ledger.today();
      List<SpendRow> spend = keys.loadSpend(today, today.withDayOfMonth(1));
      ledger.load(spend);
      catchUp(ledger, usage);
      return new Opened(keys, bodies, ledger, adminKey, staticKeys);
    }

    /**
     * Raises the saved totals to the stored records' costs: spend charged in the last second
     * before a crash was never saved, but its records are in the store (through the journal).
     */
    private static void catchUp(SpendLedger ledger, UsageStore usage) {
      LocalDate today = ledger.today();
      List<KeyCost> costs;
      try {
        costs = usage.costByKey(
            today.withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC),
            today.atStartOfDay().toInstant(ZoneOffset.UTC),
            today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
      } catch (UnsupportedOperationException e) {
        return; // a store that only takes records (tests)
      } catch (RuntimeException e) {
        LOG.warn("key spend not caught up with the stored usage records: {}", e.toString());
        return;
      }
      double added = ledger.catchUp(costs);
      if (added > 0) {
        LOG.info("key spend caught up with stored usage records: ${} added over day and month totals",
            String.format(java.util.Locale.ROOT, "%.6f", added));
      }
    }

    private static StoredKey staticKey(StaticKeyConfig declared) {
      String secret = declared.key().resolve().orElseThrow();
      if (secret.length() < KeySecret.MIN_STATIC_LENGTH) {
        // name the key, never the secret
        throw new IllegalStateException(
            "auth.keys '" + declared.name() + "': the secret must have at least "
                + KeySecret.MIN_STATIC_LENGTH + " characters");
      }
      ApiKey key =
          new ApiKey(
              "cfg_" + declared.name(), declared.name(), declared.owner(), declared.country(),
              new ModelPatterns(declared.models()), declared.rpm(), declared.tpm(),
              declared.budgetUsdDay(), declared.budgetUsdMonth(), null, true,
              declared.storeBodies(), null, null, ApiKey.Source.CONFIG, KeySecret.hint(secret));
      return new StoredKey(KeySecret.hex(KeySecret.hash(secret)), key);
    }
  }
}

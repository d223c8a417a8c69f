package dev.switchboard.gateway;

import dev.switchboard.config.AuthConfig;
import dev.switchboard.config.StaticKeyConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.UpstreamLimitConfig;
import dev.switchboard.gateway.admin.AdminKeysHandler;
import dev.switchboard.gateway.alerts.BudgetAlerts;
import dev.switchboard.gateway.auth.ApiKey;
import dev.switchboard.gateway.auth.AuthHandler;
import dev.switchboard.gateway.auth.KeyDirectory;
import dev.switchboard.gateway.auth.KeySecret;
import dev.switchboard.gateway.auth.KeyStore;
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
import dev.switchboard.gateway.teams.KeyTeamFields;
import dev.switchboard.gateway.teams.TeamAccessPolicy;
import dev.switchboard.gateway.teams.TeamDirectory;
import dev.switchboard.gateway.teams.TeamsAdminHandler;
import dev.switchboard.gateway.routing.ResolvedTarget;
import dev.switchboard.gateway.state.StateStores;
import dev.switchboard.gateway.state.StoreUnavailableException;
import dev.switchboard.gateway.usage.BodyArchive;
import dev.switchboard.gateway.usage.BodySink;
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
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes keys, limits, budgets and body storage for one gateway: resolves secrets, opens the key
 * store (embedded or shared, see {@link StateStores}), restores today's spend, and runs the two
 * periodic jobs (saving spend every second, deleting bodies past their retention every hour).
 */
public final class AccessControl {
  private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
  private static final long SPEND_FLUSH_MS = 1_000;
  private static final long BODY_PURGE_MS = Duration.ofHours(1).toMillis();
  private static final long UNREACHABLE_LOG_NANOS = Duration.ofMinutes(1).toNanos();

  private final Vertx vertx;
  private final StateStores stores;
  private final KeyStore keyStore;
  private final BodyArchive bodies;
  private final BudgetLedger ledger;
  private final KeyDirectory directory;
  private final RateLimiter limiter;
  private final AccessPolicy policy;
  private final AuthHandler authHandler;
  private final SimulationGate simulationGate;
  private final AdminKeysHandler adminHandler;
  private final BudgetAlerts alerts;
  private final TeamsAdminHandler teamsHandler;
  private final TeamDirectory teams;
  private final Duration retention;
  private final Clock clock;
  private long flushTimer = -1;
  private long purgeTimer = -1;
  private final AtomicLong unreachableLoggedAt = new AtomicLong(System.nanoTime() - UNREACHABLE_LOG_NANOS);

  private AccessControl(
      Vertx vertx,
      SwitchboardConfig config,
      Opened opened,
      RateLimiter limiter,
      BudgetLedger ledger,
      BudgetAlerts alerts,
      ModelRouter router,
      Clock clock) {
    AuthConfig auth = config.auth();
    this.vertx = vertx;
    this.stores = opened.stores;
    this.keyStore = opened.stores.keys();
    this.bodies = opened.stores.bodies();
    this.ledger = ledger;
    this.clock = clock;
    this.retention = auth.bodyRetention();
    this.directory = new KeyDirectory(
        keyStore, clock, opened.adminKey, opened.staticKeys, opened.stores.cachePolicy());
    keyStore.watch(directory::changed, directory::forgetAll);
    this.limiter = limiter;
    // teams, organizations, end users, sessions and tags above the key's own policy
    this.policy = new TeamAccessPolicy(
        new KeyAccessPolicy(limiter, ledger, upstreamLimits(auth, router)), opened.teams, limiter, ledger,
        alerts);
    this.authHandler = new AuthHandler(directory, auth.mode(), clock);
    this.simulationGate = new SimulationGate(config.simulation().enabled(), directory, clock);
    this.adminHandler =
        new AdminKeysHandler(directory, ledger, opened.adminKey != null, new KeyTeamFields(opened.teams));
    this.alerts = alerts;
    this.teams = opened.teams;
    this.teamsHandler = new TeamsAdminHandler(opened.teams, ledger, opened.adminKey != null, clock);
  }

  /**
   * Opens everything and starts the periodic jobs. Call it once the usage journal of an earlier run
   * is replayed into {@code usage}: embedded spend is caught up from there.
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
    return Opened.open(vertx, config, store, usage, clock)
        .compose(opened -> RateLimiters.start(vertx, config.state(), clock, System::nanoTime)
            .compose(limiter -> BudgetLedgers.start(
                    vertx, config.state(), opened.ledger, storedSpend(opened.stores.keys()), System::nanoTime)
                .onFailure(t -> limiter.close())
                .compose(ledger -> alerts(vertx, config, opened.stores, ledger, clock)
                    .onFailure(t -> limiter.close().eventually(ledger::close))
                    .map(alerts -> new AccessControl(vertx, config, opened, limiter, ledger, alerts, router, clock)))))
        .map(access -> {
          access.flushTimer = vertx.setPeriodic(SPEND_FLUSH_MS, id -> access.flushSpend());
          access.purgeTimer =
              vertx.setPeriodic(0, BODY_PURGE_MS, id -> access.purgeExpiredBodies());
          return access;
        });
  }

  /**
   * Creates the budget alerts (null when no webhook is configured) over the ledger the policy
   * charges, so with Redis they watch the fleet's totals, not this gateway's share.
   */
  private static Future<BudgetAlerts> alerts(
      Vertx vertx, SwitchboardConfig config, StateStores stores, BudgetLedger ledger, Clock clock) {
    try {
      return Future.succeededFuture(BudgetAlerts.create(vertx, config.alerts(), stores.alertLog(), ledger, clock));
    } catch (RuntimeException e) {
      return Future.failedFuture(e); // a webhook secret's variable is unset
    }
  }

  /** Returns the {@code /ready} check of the shared key database, if one is configured. */
  public java.util.Optional<dev.switchboard.gateway.lifecycle.ReadinessCheck> readinessCheck() {
    return stores.readiness();
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

  /** Returns the teams, key links and tag budgets (in memory, kept in the embedded or shared state database). */
  public TeamDirectory teams() {
    return teams;
  }

  /** Returns the budget alerts and their webhooks, or null when no webhook is configured. */
  public BudgetAlerts alerts() {
    return alerts;
  }

  /** Returns the handler of {@code /v1/admin/teams} and {@code /v1/admin/tags}. */
  public TeamsAdminHandler teamsHandler() {
    return teamsHandler;
  }

  /** Returns the rate limiter behind the policy: shared through Redis or in this process. */
  public RateLimiter rateLimiter() {
    return limiter;
  }

  public AccessPolicy policy() {
    return policy;
  }

  /** Returns where opted-in bodies go: inserted off the event loop, failures logged. */
  public BodySink bodySink() {
    return body -> bodies.insert(body)
        .onFailure(t -> LOG.warn("bodies of {} not stored: {}", body.id(), t.toString()));
  }

  /** Returns the archive of stored bodies. */
  public BodyArchive bodies() {
    return bodies;
  }

  /** Deletes bodies older than the retention period; the future gives how many. */
  public Future<Integer> purgeExpiredBodies() {
    return bodies
        .deleteOlderThan(clock.instant().minus(retention))
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("deleted {} stored bodies older than {} days", n, retention.toDays());
          }
        })
        .onFailure(t -> LOG.warn("deleting expired bodies failed: {}", t.toString()));
  }

  /**
   * Adds the spend charged since the last save to the stored totals (several gateways may add to
   * one store); a save that fails keeps its increments in the store for the next one.
   */
  public Future<Void> flushSpend() {
    return keyStore.saveSpend(ledger::drainUnsaved).onFailure(this::spendNotSaved);
  }

  private void spendNotSaved(Throwable t) {
    if (!StoreUnavailableException.isCause(t)) {
      LOG.warn("saving key spend failed: {}", t.toString());
      return;
    }
    // the store keeps the spend for the next save; while it is away, say so once a minute
    long now = System.nanoTime();
    long last = unreachableLoggedAt.get();
    if (now - last >= UNREACHABLE_LOG_NANOS && unreachableLoggedAt.compareAndSet(last, now)) {
      LOG.warn("key spend not saved, the key store is unreachable; it is kept for the next save: {}", t.toString());
    }
  }

  /**
   * Stops the periodic jobs, saves the last spend and closes the limiter's and the stores'
   * connections.
   */
  public Future<Void> stop() {
    vertx.cancelTimer(flushTimer);
    vertx.cancelTimer(purgeTimer);
    if (alerts != null) {
      alerts.close();
    }
    return flushSpend()
        .eventually(limiter::close)
        .eventually(ledger::close)
        .eventually(() -> stores.close().get());
  }

  /** Reads one key's saved totals, to seed a shared ledger's missing period. */
  private static StoredSpend storedSpend(KeyStore keys) {
    return (keyId, day) -> keys.loadSpend(keyId, day, day.withDayOfMonth(1)).map(rows -> {
      double dayUsd = 0;
      double monthUsd = 0;
      for (SpendRow row : rows) {
        if (row.period().equals(SpendRow.DAY)) {
          dayUsd = row.spendUsd();
        } else {
          monthUsd = row.spendUsd();
        }
      }
      return new SpendTotals(dayUsd, monthUsd);
    });
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

  /** Holds what is opened before the services are composed. */
  private record Opened(
      StateStores stores,
      SpendLedger ledger,
      TeamDirectory teams,
      String adminKey,
      List<StoredKey> staticKeys) {

    static Future<Opened> open(
        Vertx vertx, SwitchboardConfig config, StateDatabase store, UsageStore usage, Clock clock) {
      AuthConfig auth = config.auth();
      String adminKey;
      List<StoredKey> staticKeys = new ArrayList<>();
      try {
        adminKey = auth.adminKey().resolve().orElse(null);
        for (StaticKeyConfig declared : auth.keys()) {
          staticKeys.add(staticKey(declared));
        }
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
      SpendLedger ledger = new SpendLedger(clock);
      LocalDate today = ledger.today();
      return StateStores.open(vertx, config.state(), store)
          .compose(stores -> stores.keys().loadSpend(today, today.withDayOfMonth(1))
              .compose(spend -> {
                ledger.load(spend);
                // a shared total holds every gateway's spend: this gateway's records cannot tell
                // what of it is missing (see README: Run several gateways)
                boolean catchUp = stores.readiness().isEmpty();
                return vertx.executeBlocking(() -> {
                  if (catchUp) {
                    catchUp(ledger, usage);
                  }
                  // teams, key links and tag budgets: in the keys' database (embedded or shared)
                  TeamDirectory teams = TeamDirectory.load(vertx, stores.teams(), staticTeams(auth));
                  staticTeams(auth).forEach((keyId, team) -> {
                    if (teams.team(team) == null) {
                      LOG.warn("config key {} names team '{}', which does not exist yet: its limits bind the key"
                          + " once it is created", keyId, team);
                    }
                  });
                  // another gateway's change is re-read at once (NOTIFY, or a listener reconnect)
                  stores.teams().watch(() -> teams.reload()
                      .onFailure(t -> LOG.warn("re-reading teams failed: {}", t.toString())));
                  return new Opened(stores, ledger, teams, adminKey, staticKeys);
                }, false);
              }));
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

    /** Returns the team of each config key that names one; a team not created yet binds once it is. */
    private static Map<String, String> staticTeams(AuthConfig auth) {
      Map<String, String> teams = new HashMap<>();
      for (StaticKeyConfig declared : auth.keys()) {
        if (declared.team() != null) {
          teams.put(staticKeyId(declared), declared.team());
        }
      }
      return teams;
    }

    private static String staticKeyId(StaticKeyConfig declared) {
      return "cfg_" + declared.name();
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
              staticKeyId(declared), declared.name(), declared.owner(), declared.country(),
              new ModelPatterns(declared.models()), declared.rpm(), declared.tpm(),
              declared.budgetUsdDay(), declared.budgetUsdMonth(), null, true,
              declared.storeBodies(), null, null, ApiKey.Source.CONFIG, KeySecret.hint(secret));
      return new StoredKey(KeySecret.hex(KeySecret.hash(secret)), key);
    }
  }
}

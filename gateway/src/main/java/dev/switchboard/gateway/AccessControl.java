package dev.switchboard.gateway;

import dev.switchboard.config.AuthConfig;
import dev.switchboard.config.StaticKeyConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.UpstreamLimitConfig;
import dev.switchboard.gateway.admin.AdminKeysHandler;
import dev.switchboard.gateway.alerts.AlertLog;
import dev.switchboard.gateway.alerts.BudgetAlerts;
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
import dev.switchboard.gateway.limits.KeyAccessPolicy;
import dev.switchboard.gateway.limits.RateLimiter;
import dev.switchboard.gateway.limits.RateLimiters;
import dev.switchboard.gateway.limits.RateLimits;
import dev.switchboard.gateway.limits.SpendLedger;
import dev.switchboard.gateway.limits.UpstreamLimit;
import dev.switchboard.gateway.routing.ModelRouter;
import dev.switchboard.gateway.teams.DuckDbTeamStore;
import dev.switchboard.gateway.teams.KeyTeamFields;
import dev.switchboard.gateway.teams.TeamAccessPolicy;
import dev.switchboard.gateway.teams.TeamDirectory;
import dev.switchboard.gateway.teams.TeamsAdminHandler;
import dev.switchboard.gateway.routing.ResolvedTarget;
import dev.switchboard.gateway.usage.BodySink;
import dev.switchboard.gateway.usage.DuckDbBodyArchive;
import dev.switchboard.telemetry.store.StateDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes keys, limits, budgets and body storage for one gateway: resolves secrets, opens the key
 * tables, restores today's spend, and runs the two periodic jobs (saving spend every second,
 * deleting bodies past their retention every hour) on worker threads.
 */
public final class AccessControl {
  private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
  private static final long SPEND_FLUSH_MS = 1_000;
  private static final long BODY_PURGE_MS = Duration.ofHours(1).toMillis();

  private final Vertx vertx;
  private final DuckDbKeyStore keyStore;
  private final DuckDbBodyArchive bodies;
  private final SpendLedger ledger;
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

  private AccessControl(
      Vertx vertx,
      SwitchboardConfig config,
      Opened opened,
      RateLimiter limiter,
      ModelRouter router,
      Clock clock) {
    AuthConfig auth = config.auth();
    this.vertx = vertx;
    this.keyStore = opened.keyStore;
    this.bodies = opened.bodies;
    this.ledger = opened.ledger;
    this.clock = clock;
    this.retention = auth.bodyRetention();
    this.directory = new KeyDirectory(vertx, keyStore, clock, opened.adminKey, opened.staticKeys);
    this.limiter = limiter;
    // teams, organizations, end users, sessions and tags above the key's own policy
    this.policy = new TeamAccessPolicy(
        new KeyAccessPolicy(limiter, ledger, upstreamLimits(auth, router)), opened.teams, limiter, ledger,
        opened.alerts);
    this.authHandler = new AuthHandler(directory, auth.mode(), clock);
    this.simulationGate = new SimulationGate(config.simulation().enabled(), directory, clock);
    this.adminHandler =
        new AdminKeysHandler(directory, ledger, opened.adminKey != null, new KeyTeamFields(opened.teams));
    this.alerts = opened.alerts;
    this.teams = opened.teams;
    this.teamsHandler = new TeamsAdminHandler(opened.teams, ledger, opened.adminKey != null, clock);
  }

  /**
   * Opens everything on a worker thread and starts the periodic jobs.
   *
   * @return a failed future naming the variable when a secret's environment variable is unset
   */
  public static Future<AccessControl> start(
      Vertx vertx, SwitchboardConfig config, StateDatabase store, ModelRouter router, Clock clock) {
    return vertx
        .executeBlocking(() -> Opened.open(vertx, config, store, clock), false)
        .compose(opened -> RateLimiters.start(vertx, config.state(), clock, System::nanoTime)
            .map(limiter -> new AccessControl(vertx, config, opened, limiter, router, clock)))
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

  /** Returns the teams, key links and tag budgets (in memory, kept in the state database). */
  public TeamDirectory teams() {
    return teams;
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

  /** Saves changed spend totals. */
  public Future<Void> flushSpend() {
    return vertx.<Void>executeBlocking(() -> {
      // drain and save as one step, so an older snapshot can never overwrite a newer one
      synchronized (keyStore) {
        keyStore.saveSpend(ledger.drainChanged());
      }
      return null;
    }, false).onFailure(t -> LOG.warn("saving key spend failed: {}", t.toString()));
  }

  /** Stops the periodic jobs, saves the last spend and closes the limiter's connections. */
  public Future<Void> stop() {
    vertx.cancelTimer(flushTimer);
    vertx.cancelTimer(purgeTimer);
    if (alerts != null) {
      alerts.close();
    }
    return flushSpend().eventually(limiter::close);
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
      TeamDirectory teams,
      BudgetAlerts alerts,
      String adminKey,
      List<StoredKey> staticKeys) {

    static Opened open(Vertx vertx, SwitchboardConfig config, StateDatabase store, Clock clock) {
      AuthConfig auth = config.auth();
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
      TeamDirectory teams = TeamDirectory.load(vertx, DuckDbTeamStore.open(store));
      BudgetAlerts alerts = config.alerts().enabled()
          ? BudgetAlerts.create(vertx, config.alerts(), AlertLog.open(store), ledger, clock)
          : null;
      return new Opened(keys, bodies, ledger, teams, alerts, adminKey, staticKeys);
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

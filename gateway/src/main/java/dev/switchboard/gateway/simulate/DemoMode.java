package dev.switchboard.gateway.simulate;

import dev.switchboard.config.JournalConfig;
import dev.switchboard.gateway.Gateway;
import dev.switchboard.gateway.simulate.scenario.Scenario;
import dev.switchboard.gateway.simulate.scenario.ScenarioLoader;
import dev.switchboard.telemetry.journal.UsageJournal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the demo: simulated providers serving the default scenario's models, the gateway in
 * simulation mode (clients need no key; an admin key generated for this run is handed to the
 * in-process simulator only), and in the background a compressed simulation of the scenario's
 * year ending last week, followed by a gentle live trickle, so the dashboard fills within about a
 * minute and keeps moving.
 */
public final class DemoMode {
  private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);
  // the whole year with fewer users and requests: cohorts stay large enough to read retention
  private static final int USERS = 500;
  private static final double ACTIVITY = 0.22;
  private static final double LATENCY_SCALE = 0.1;
  private static final int CONCURRENCY = 128;

  private DemoMode() {}

  /** Starts the demo with a fresh store at {@code store}; the future gives the running gateway. */
  public static Future<Gateway> start(Vertx vertx, int port, Path store) {
    try {
      resetStore(store);
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    Scenario scenario = scenario(LocalDate.now(ZoneOffset.UTC));
    return LocalGateway.start(vertx, scenario, store, port, LATENCY_SCALE)
        .onSuccess(local -> {
          Thread simulation = new Thread(() -> simulate(vertx, local, scenario), "switchboard-demo-simulation");
          simulation.setDaemon(true);
          simulation.setPriority(Thread.NORM_PRIORITY - 1);
          simulation.start();
        })
        .map(LocalGateway::gateway);
  }

  /** Returns the demo's scenario: the default year, compressed, ending the week before {@code today}. */
  static Scenario scenario(LocalDate today) {
    Scenario full = ScenarioLoader.loadDefault();
    return full.withUsers(USERS).withActivity(ACTIVITY).startingOn(today.minusWeeks(full.weeks()));
  }

  private static void simulate(Vertx vertx, LocalGateway local, Scenario scenario) {
    Simulator simulator = new Simulator(vertx, local.base(), local.adminKey(),
        new Simulator.Settings(0, CONCURRENCY, null, null, true));
    try {
      LOG.info("demo: simulating {} weeks of traffic from {} in the background", scenario.weeks(), scenario.start());
      Simulator.Summary s = simulator.run(scenario, new GroundTruth(), "demo");
      LOG.info("demo: simulated {} requests in {}s ({} requests/s); a live trickle of {} requests/s goes on",
          s.requests(), s.elapsed().toSeconds(), Math.round(s.requestsPerSecond()), scenario.traffic().trickleRps());
      simulator.trickle(scenario, scenario.traffic().trickleRps(), () -> Thread.currentThread().isInterrupted());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("demo simulation stopped: {}", e.toString());
    }
  }

  private static void resetStore(Path store) throws IOException {
    // the demo's own store: each run shows one fresh simulated year, not one year per run
    Files.deleteIfExists(store);
    Files.deleteIfExists(Path.of(store + ".wal"));
    UsageJournal.delete(JournalConfig.defaultsFor(store));
  }
}

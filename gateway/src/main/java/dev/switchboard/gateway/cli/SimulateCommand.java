package dev.switchboard.gateway.cli;

import dev.switchboard.config.JournalConfig;
import dev.switchboard.config.catalog.ModelCatalog;
import dev.switchboard.gateway.simulate.GroundTruth;
import dev.switchboard.gateway.simulate.LocalGateway;
import dev.switchboard.gateway.simulate.Simulator;
import dev.switchboard.gateway.simulate.TruthFile;
import dev.switchboard.gateway.simulate.scenario.Scenario;
import dev.switchboard.gateway.simulate.scenario.ScenarioException;
import dev.switchboard.gateway.simulate.scenario.ScenarioLoader;
import dev.switchboard.telemetry.journal.UsageJournal;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Simulates a year of study-shaped traffic through a gateway's HTTP API and writes the ground truth
 * of what was sent. Without {@code --gateway} it runs its own gateway in simulation mode in front
 * of simulated providers, storing into {@code --store}.
 */
public final class SimulateCommand implements Subcommand {
  private static final Path DEFAULT_STORE = Path.of("data", "switchboard-sim.duckdb");
  private static final Path DEFAULT_TRUTH = Path.of("data", "simulation-truth.json");

  private final PrintStream out;
  private final PrintStream err;

  public SimulateCommand() {
    this(System.out, System.err);
  }

  /** Returns the command printing its summary to {@code out} and progress to {@code err}. */
  public SimulateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public String name() {
    return "simulate";
  }

  @Override
  public List<String> usage() {
    return List.of(
        "simulate [--weeks 52] [--users 2000] [--rps 200] [--seed 1] [--gateway URL --admin-key K]",
        "         [--scenario FILE] [--truth FILE] [--store FILE] [--concurrency 64] [--latency-scale 0.1]",
        "         [--start YYYY-MM-DD] [--quiet]",
        "  drives a year of study-shaped traffic through the gateway's HTTP API and writes the ground truth",
        "  --gateway URL     a gateway in simulation mode (simulation.enabled: true or --demo) routing the",
        "                    scenario's models; default: run one here, with simulated providers",
        "  --admin-key K     its admin key (default: $SWITCHBOARD_ADMIN_KEY)",
        "  --scenario FILE   scenario YAML (default: the bundled study-shaped year)",
        "  --truth FILE      where the ground truth goes (default: data/simulation-truth.json)",
        "  --store FILE      DuckDB store of the local gateway (default: data/switchboard-sim.duckdb, replaced)",
        "  --latency-scale F multiplies the simulated providers' latencies (default 0.1; 0 = instant)",
        "  --start DATE      moves the scenario's year to begin on the Monday of DATE");
  }

  @Override
  public int run(List<String> args) throws Exception {
    Options o = Options.parse(args);
    Scenario scenario = o.scenario == null ? ScenarioLoader.loadDefault() : loadScenario(o.scenario);
    if (o.weeks != null) {
      scenario = scenario.withWeeks(o.weeks);
    }
    if (o.users != null) {
      scenario = scenario.withUsers(o.users);
    }
    if (o.seed != null) {
      scenario = scenario.withSeed(o.seed);
    }
    if (o.start != null) {
      scenario = scenario.startingOn(o.start);
    }
    Vertx vertx = Vertx.vertx();
    LocalGateway local = null;
    try {
      URI base;
      String adminKey;
      if (o.gateway == null) {
        Files.createDirectories(o.store.toAbsolutePath().getParent());
        Files.deleteIfExists(o.store);
        Files.deleteIfExists(Path.of(o.store + ".wal"));
        UsageJournal.delete(JournalConfig.defaultsFor(o.store));
        // one log line per key the run creates would drown the progress bar
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.switchboard.gateway.admin"))
            .setLevel(ch.qos.logback.classic.Level.WARN);
        local = LocalGateway.start(vertx, scenario, o.store, 0, o.latencyScale)
            .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        base = local.base();
        adminKey = local.adminKey();
        err.println("simulate: gateway in simulation mode at " + base + " storing into " + o.store);
      } else {
        base = o.gateway;
        adminKey = o.adminKey != null ? o.adminKey : System.getenv("SWITCHBOARD_ADMIN_KEY");
        if (adminKey == null || adminKey.isBlank()) {
          throw new IllegalArgumentException("--gateway needs --admin-key (or SWITCHBOARD_ADMIN_KEY)");
        }
      }
      GroundTruth truth = new GroundTruth();
      Simulator simulator = new Simulator(vertx, base, adminKey,
          new Simulator.Settings(o.rps, o.concurrency, o.quiet ? null : new SimulationProgress(err, System.console() != null), null, false));
      Simulator.Summary summary = simulator.run(scenario, truth, Long.toString(System.currentTimeMillis(), 36));
      simulator.close();
      TruthFile.write(o.truth, scenario, truth, ModelCatalog.loadDefault());
      out.println(summaryText(scenario, summary, o.truth));
      return 0;
    } finally {
      if (local != null) {
        local.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static Scenario loadScenario(Path file) throws Exception {
    try {
      return ScenarioLoader.load(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("scenario file not found: " + file);
    } catch (ScenarioException e) {
      throw new IllegalArgumentException("invalid scenario " + file + ":\n  " + String.join("\n  ", e.problems()));
    }
  }

  static String summaryText(Scenario scenario, Simulator.Summary s, Path truth) {
    String errors = s.errorsByKind().entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "simulated %d weeks from %s: %,d requests from %,d users in %dm%02ds (%.0f requests/s), %,d errors%s, %d keys",
        scenario.weeks(), scenario.start(), s.requests(), scenario.users(), s.elapsed().toMinutes(),
        s.elapsed().toSecondsPart(), s.requestsPerSecond(), s.errors(), errors.isEmpty() ? "" : " (" + errors + ")", s.keys()));
    if (s.shed() > 0 || s.dropped() > 0) {
      text.append(String.format(Locale.ROOT, "%nwarning: the gateway shed %.0f classifications and dropped %.0f records",
          s.shed(), s.dropped()));
    }
    text.append("\nground truth: ").append(truth);
    return text.toString();
  }

  /** Holds the parsed options. */
  private static final class Options {
    Integer weeks;
    Integer users;
    double rps = 200;
    int concurrency = 64;
    Long seed;
    URI gateway;
    String adminKey;
    Path scenario;
    Path truth = DEFAULT_TRUTH;
    Path store = DEFAULT_STORE;
    double latencyScale = 0.1;
    LocalDate start;
    boolean quiet;

    static Options parse(List<String> args) {
      Options o = new Options();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        if (name.equals("--quiet")) {
          o.quiet = true;
          continue;
        }
        String value;
        if (arg.contains("=")) {
          value = arg.substring(arg.indexOf('=') + 1);
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          throw new IllegalArgumentException(name + " needs a value");
        }
        try {
          switch (name) {
            case "--weeks" -> o.weeks = positive(name, Integer.parseInt(value));
            case "--users" -> o.users = positive(name, Integer.parseInt(value));
            case "--rps" -> o.rps = Double.parseDouble(value);
            case "--concurrency" -> o.concurrency = positive(name, Integer.parseInt(value));
            case "--seed" -> o.seed = Long.parseLong(value);
            case "--gateway" -> o.gateway = gatewayUrl(value);
            case "--admin-key" -> o.adminKey = value;
            case "--scenario" -> o.scenario = Path.of(value);
            case "--truth" -> o.truth = Path.of(value);
            case "--store" -> o.store = Path.of(value);
            case "--latency-scale" -> o.latencyScale = Double.parseDouble(value);
            case "--start" -> o.start = LocalDate.parse(value);
            default -> throw new IllegalArgumentException("unknown argument: " + arg);
          }
        } catch (NumberFormatException | java.time.DateTimeException e) {
          throw new IllegalArgumentException(name + ": not a valid value: " + value);
        }
      }
      if (o.rps < 0 || o.latencyScale < 0) {
        throw new IllegalArgumentException("--rps and --latency-scale must not be negative");
      }
      return o;
    }

    private static int positive(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1");
      }
      return value;
    }

    /** Accepts {@code http://host:port} with or without a trailing {@code /v1}. */
    private static URI gatewayUrl(String value) {
      URI uri = URI.create(value.replaceAll("/+$", "").replaceAll("/v1$", ""));
      if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new IllegalArgumentException("--gateway must be an http(s) URL, got " + value);
      }
      return uri;
    }
  }
}

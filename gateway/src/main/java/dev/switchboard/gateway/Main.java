package dev.switchboard.gateway;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.InvalidConfigException;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.gateway.cli.ClassifyCommand;
import dev.switchboard.gateway.cli.CommandLine;
import dev.switchboard.gateway.cli.GenerateCommand;
import dev.switchboard.gateway.cli.ReportCommand;
import dev.switchboard.gateway.cli.SimulateCommand;
import dev.switchboard.gateway.cli.TrainStartupCommand;
import dev.switchboard.gateway.cli.Subcommand;
import dev.switchboard.gateway.simulate.DemoMode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs Switchboard from the command line: parses arguments, loads config, starts the gateway. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final Path DEFAULT_CONFIG = Path.of("switchboard.yaml");
  private static final Path DEMO_STORE = Path.of("data", "switchboard-demo.duckdb");

  private Main() {}

  /** Lists the tools besides the gateway; each later command adds one line here. */
  private static final List<Subcommand> SUBCOMMANDS =
      List.of(new ClassifyCommand(), new ReportCommand(), new GenerateCommand(), new SimulateCommand(),
          new TrainStartupCommand());

  public static void main(String[] args) {
    if (args.length > 0) {
      for (Subcommand command : SUBCOMMANDS) {
        if (command.name().equals(args[0])) {
          System.exit(runSubcommand(command, Arrays.asList(args).subList(1, args.length)));
          return;
        }
      }
    }
    CommandLine commandLine;
    try {
      commandLine = CommandLine.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("switchboard: " + e.getMessage());
      System.err.print(CommandLine.usage(SUBCOMMANDS));
      System.exit(2);
      return;
    }
    if (commandLine.command() == CommandLine.Command.HELP) {
      System.out.print(CommandLine.usage(SUBCOMMANDS));
      return;
    }
    SwitchboardConfig config;
    try {
      config = commandLine.demo() ? null : loadConfig(commandLine);
    } catch (InvalidConfigException e) {
      System.err.println("switchboard: invalid configuration:");
      e.problems().forEach(p -> System.err.println("  " + p));
      System.exit(2);
      return;
    }
    serve(commandLine, config);
  }

  private static int runSubcommand(Subcommand command, List<String> args) {
    try {
      return command.run(args);
    } catch (IllegalArgumentException e) {
      System.err.println("switchboard " + command.name() + ": " + e.getMessage());
      command.usage().forEach(System.err::println);
      return 2;
    } catch (Exception e) {
      System.err.println("switchboard " + command.name() + ": " + e);
      return 1;
    }
  }

  private static SwitchboardConfig loadConfig(CommandLine commandLine) {
    SwitchboardConfig config;
    if (commandLine.configFile().isPresent()) {
      config = ConfigLoader.load(commandLine.configFile().get());
    } else if (Files.isRegularFile(DEFAULT_CONFIG)) {
      config = ConfigLoader.load(DEFAULT_CONFIG);
    } else {
      LOG.info("no switchboard.yaml found; starting with built-in defaults (no routes)");
      config = ConfigLoader.defaults();
    }
    return commandLine.port().map(p -> withPort(config, p)).orElse(config);
  }

  private static SwitchboardConfig withPort(SwitchboardConfig config, int port) {
    return config.withServer(config.server().withPort(port));
  }

  private static String displayHost(String host) {
    return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
  }

  /**
   * Sizes Vert.x for the gateway: one event loop per core, as many as server verticles (the
   * default doubles them, leaving half idle), and a small worker pool, since only admin calls,
   * stats queries and overflow usage records run there.
   */
  static VertxOptions vertxOptions() {
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    return new VertxOptions().setEventLoopPoolSize(cores).setWorkerPoolSize(Math.max(4, 2 * cores));
  }

  private static void serve(CommandLine commandLine, SwitchboardConfig loaded) {
    Vertx vertx = Vertx.vertx(vertxOptions());
    String host = commandLine.demo() ? ServerConfig.defaults().host() : loaded.server().host();
    Future<Gateway> started =
        commandLine.demo()
            ? DemoMode.start(vertx, commandLine.port().orElse(ServerConfig.defaults().port()), DEMO_STORE)
            : Gateway.start(vertx, loaded, Clock.systemUTC());
    started
        .onSuccess(gateway -> {
          String base = "http://" + displayHost(host) + ":" + gateway.port();
          System.out.println("Switchboard is listening on " + base + "/v1  (try: curl " + base + "/v1/models)");
          System.out.println("Dashboard: " + base + "/dashboard/");
          if (commandLine.demo()) {
            System.out.println("Demo: simulating a year of traffic in the background; stats fill within about a minute.");
          }
          // SIGTERM (a deploy, an autoscaler): drain, so no answer in flight is cut
          long drainMs = gateway.drainBudget().toMillis();
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
              gateway.drain().toCompletionStage().toCompletableFuture()
                  .get(drainMs + 30_000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
              LOG.warn("shutdown did not complete cleanly: {}", e.toString());
            }
          }, "switchboard-shutdown"));
        })
        .onFailure(t -> {
          System.err.println("switchboard: failed to start: " + t.getMessage());
          vertx.close();
          System.exit(1);
        });
  }
}

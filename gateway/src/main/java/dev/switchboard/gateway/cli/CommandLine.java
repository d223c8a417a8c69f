package dev.switchboard.gateway.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Holds the parsed command line: which command to run and its options.
 *
 * @param configFile {@code --config FILE}
 * @param port {@code --port N}, overriding the config
 * @param demo {@code --demo}: run with built-in simulated providers
 */
public record CommandLine(
    Command command, Optional<Path> configFile, Optional<Integer> port, boolean demo) {

  /** Names what the process does. */
  public enum Command {
    SERVE,
    HELP
  }

  /** Returns the usage text listing every command and option. */
  public static String usage(List<Subcommand> subcommands) {
    List<String> lines = new java.util.ArrayList<>(List.of(
        "Usage: java -jar switchboard.jar [serve] [options]",
        "       java -jar switchboard.jar COMMAND [options]",
        "",
        "serve (the default): run the gateway",
        "  --config FILE    configuration file (default: ./switchboard.yaml if present, else built-in defaults)",
        "  --port N         listen on port N (overrides server.port)",
        "  --demo           start simulated upstream providers and a demo config; needs no API keys",
        "  --help, -h       print this text"));
    for (Subcommand command : subcommands) {
      lines.add("");
      command.usage().forEach(lines::add);
    }
    lines.add("");
    return String.join("\n", lines);
  }

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException naming the offending argument
   */
  public static CommandLine parse(String... args) {
    Command command = Command.SERVE;
    Optional<Path> config = Optional.empty();
    Optional<Integer> port = Optional.empty();
    boolean demo = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "serve" -> command = Command.SERVE;
        case "help", "--help", "-h" -> command = Command.HELP;
        case "--demo" -> demo = true;
        case "--config" -> config = Optional.of(Path.of(value(args, ++i, arg)));
        case "--port" -> port = Optional.of(parsePort(value(args, ++i, arg)));
        default -> {
          if (arg.startsWith("--config=")) {
            config = Optional.of(Path.of(arg.substring("--config=".length())));
          } else if (arg.startsWith("--port=")) {
            port = Optional.of(parsePort(arg.substring("--port=".length())));
          } else {
            throw new IllegalArgumentException("unknown argument '" + arg + "'");
          }
        }
      }
    }
    return new CommandLine(command, config, port, demo);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port must be 0..65535, got " + value);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port must be a number, got '" + value + "'");
    }
  }
}

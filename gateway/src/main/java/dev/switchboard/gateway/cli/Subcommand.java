package dev.switchboard.gateway.cli;

import java.util.List;

/** Runs one command-line tool other than the gateway itself ({@code classify}, {@code report}, ...). */
public interface Subcommand {

  /** Returns the word that selects this command. */
  String name();

  /** Returns the usage lines for {@code --help}: synopsis first, then one line per option. */
  List<String> usage();

  /**
   * Runs the command with the arguments after its name.
   *
   * @return the process exit code (0 success, 2 bad arguments)
   */
  int run(List<String> args) throws Exception;
}

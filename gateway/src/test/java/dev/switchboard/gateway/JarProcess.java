package dev.switchboard.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starts the packaged jar as a user would, for the jar-level tests, and waits until it listens. */
final class JarProcess {
  static final Path JAR = Path.of("target", "switchboard.jar").toAbsolutePath();
  private static final Pattern LISTENING = Pattern.compile("listening on (http://[^/\\s]+)/v1");

  private JarProcess() {}

  /** Returns a builder for {@code java -jar switchboard.jar args} in {@code workDir}, with an empty environment. */
  static ProcessBuilder builder(Path workDir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().clear(); // proves no API key or other variable is needed
    return builder;
  }

  /**
   * Writes a config routing {@code mock/chat} to an OpenAI-compatible upstream on {@code
   * upstreamPort}, with the usage store in {@code workDir/data/usage.duckdb}.
   *
   * @param server the {@code server} section's mapping, e.g. {@code { host: 127.0.0.1 }}
   */
  static Path writeMockConfig(Path workDir, int upstreamPort, String server) throws IOException {
    Path config = workDir.resolve("switchboard.yaml");
    java.nio.file.Files.writeString(config, String.join("\n",
        "server: " + server,
        "providers:",
        "  - id: mock",
        "    kind: openai-compatible",
        "    base_url: http://127.0.0.1:" + upstreamPort + "/v1",
        "models:",
        "  - name: mock/chat",
        "    targets: [ { provider: mock, model: mock-1 } ]",
        "telemetry: { store: " + workDir.resolve("data").resolve("usage.duckdb") + " }",
        ""));
    return config;
  }

  /** Starts the jar with {@code config} on a free port, its output merged into stdout. */
  static Process start(Path workDir, Path config) throws IOException {
    ProcessBuilder builder = builder(workDir, "--config", config.toString(), "--port", "0");
    builder.redirectErrorStream(true);
    return builder.start();
  }

  /**
   * Returns the base URL once the process says it listens; from then on its output is drained on a
   * daemon thread (so it never blocks on a full pipe), echoing the lines that contain {@code echo}.
   */
  static String awaitListening(Process process, String... echo) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> drain(out, echo), "jar-output");
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
    }
    throw new AssertionError("the gateway exited before listening");
  }

  private static void drain(BufferedReader out, String... echo) {
    try {
      String line;
      while ((line = out.readLine()) != null) {
        for (String word : echo) {
          if (line.contains(word)) {
            System.out.println("[gateway] " + line);
            break;
          }
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }
}

package dev.switchboard.telemetry.store;

import dev.switchboard.config.ClickHouseStore;
import dev.switchboard.config.SecretRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts Debian's {@code clickhouse-server} for tests: a generated config in a folder of the
 * test's, free loopback ports, a password, logs at warning level into the folder. Fails (never
 * skips) when the binary is missing: {@code bin/test} installs it.
 */
public final class ClickHouseServer implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/sbin/clickhouse-server");
  public static final String USER = "default";
  public static final String PASSWORD = "switchboard-test";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final int httpPort;
  private final HttpClient client = HttpClient.newHttpClient();
  private Process process;

  private ClickHouseServer(Path dir, int httpPort) {
    this.dir = dir;
    this.httpPort = httpPort;
  }

  /** Starts a server keeping its data in {@code dir}; waits until {@code GET /ping} answers. */
  public static ClickHouseServer start(Path dir) {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: run bin/test (apt-get install -y clickhouse-server)");
    }
    int[] ports = freePorts(3);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("config.xml"), config(dir.toAbsolutePath(), ports));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ClickHouseServer server = new ClickHouseServer(dir.toAbsolutePath(), ports[0]);
    server.launch();
    return server;
  }

  /** Starts the server again on the same folder and port after {@link #stop}. */
  public void restart() {
    launch();
  }

  /** Stops the server (SIGTERM, then SIGKILL after 30 s); its data stays. */
  public void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  @Override
  public void close() {
    stop();
  }

  /** Returns the server's process id, while it runs. */
  public long pid() {
    return process.pid();
  }

  public int httpPort() {
    return httpPort;
  }

  /** Returns the {@code telemetry.store} spelling of {@code database} on this server. */
  public String url(String database) {
    return "clickhouse://" + USER + ":" + PASSWORD + "@127.0.0.1:" + httpPort + "/" + database;
  }

  /** Returns the location of {@code database} on this server. */
  public ClickHouseStore location(String database) {
    return new ClickHouseStore(false, "127.0.0.1", httpPort, database, USER, SecretRef.parse(PASSWORD));
  }

  /** Runs {@code sql} and returns the answer's body; fails on any status but 200. */
  public String query(String sql) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(sql))
        .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("ClickHouse answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void launch() {
    try {
      process = new ProcessBuilder(BINARY.toString(), "--config-file=" + dir.resolve("config.xml"))
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + BINARY, e);
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("clickhouse-server exited with " + process.exitValue() + ": " + logTail());
      }
      if (pings()) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    stop();
    throw new IllegalStateException("clickhouse-server did not answer /ping within " + START_TIMEOUT + ": " + logTail());
  }

  private boolean pings() {
    try {
      HttpResponse<String> r = client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/ping")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().strip().equals("Ok.");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String logTail() {
    StringBuilder tail = new StringBuilder();
    for (String name : List.of("console.log", "clickhouse-server.err.log")) {
      try {
        List<String> lines = Files.readAllLines(dir.resolve(name));
        tail.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
      } catch (IOException e) {
        // no such log yet
      }
    }
    return tail.toString();
  }

  private static int[] freePorts(int n) {
    ServerSocket[] sockets = new ServerSocket[n];
    int[] ports = new int[n];
    try {
      for (int i = 0; i < n; i++) {
        sockets[i] = new ServerSocket(0);
        ports[i] = sockets[i].getLocalPort();
      }
      for (ServerSocket s : sockets) {
        s.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ports;
  }

  private static String config(Path dir, int[] ports) {
    // users and profiles live in the same file: 18.16 reads them from the main config when no
    // users_config is named.
    return """
        <?xml version="1.0"?>
        <yandex>
          <logger><level>warning</level><console>0</console>
            <log>%1$s/clickhouse-server.log</log><errorlog>%1$s/clickhouse-server.err.log</errorlog></logger>
          <listen_host>127.0.0.1</listen_host>
          <http_port>%2$d</http_port>
          <tcp_port>%3$d</tcp_port>
          <interserver_http_port>%4$d</interserver_http_port>
          <path>%1$s/data/</path>
          <tmp_path>%1$s/tmp/</tmp_path>
          <user_files_path>%1$s/user_files/</user_files_path>
          <format_schema_path>%1$s/format_schemas/</format_schema_path>
          <mark_cache_size>67108864</mark_cache_size>
          <max_concurrent_queries>50</max_concurrent_queries>
          <users>
            <%5$s><password>%6$s</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
              <profile>default</profile><quota>default</quota></%5$s>
          </users>
          <profiles><default></default></profiles>
          <quotas><default></default></quotas>
          <default_profile>default</default_profile>
          <default_database>default</default_database>
        </yandex>
        """.formatted(dir, ports[0], ports[1], ports[2], USER, PASSWORD);
  }
}

package dev.switchboard.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a private PostgreSQL cluster for a test: Debian's {@code initdb} and {@code pg_ctl} (the
 * newest under {@code /usr/lib/postgresql/N/bin}, else on the PATH) in a fresh temporary folder,
 * on a free loopback port, tuned for speed (no fsync), its socket in that folder. PostgreSQL
 * refuses to run as root, so as root (tests here and in CI) the binaries run as the Debian
 * package's {@code postgres} user, who owns the folder. Fails (never skips) when the binaries are
 * missing: {@code bin/test} installs them. {@link #close} stops the server and deletes the folder.
 */
public final class PostgresServer implements AutoCloseable {
  public static final String USER = "switchboard";
  public static final String PASSWORD = "sb-test-password";
  public static final String DATABASE = "postgres";
  private static final String SYSTEM_USER = "postgres";

  private final Path bin;
  private final Path dir;
  private final int port;

  private PostgresServer(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /** Creates a cluster in a new temporary folder and starts it. */
  public static PostgresServer start() {
    Path bin = binaries();
    Path dir;
    try {
      dir = Files.createTempDirectory("sb-pg-");
      Files.writeString(dir.resolve("pwfile"), PASSWORD + "\n");
      if (asRoot()) {
        UserPrincipal owner =
            dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SYSTEM_USER);
        Files.setOwner(dir, owner);
        Files.setOwner(dir.resolve("pwfile"), owner);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a folder for PostgreSQL", e);
    }
    PostgresServer server = new PostgresServer(bin, dir, freePort());
    try {
      server.run(List.of(bin.resolve("initdb").toString(), "-D", server.data().toString(), "-U", USER,
          "--pwfile=" + dir.resolve("pwfile"), "--auth-host=scram-sha-256", "--auth-local=trust",
          "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"), "initdb");
      server.startServer();
      return server;
    } catch (RuntimeException e) {
      server.deleteFolder();
      throw e;
    }
  }

  /** Returns the URL a gateway's {@code state.database} takes. */
  public String url() {
    return "postgresql://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port + "/" + DATABASE;
  }

  public int port() {
    return port;
  }

  /** Starts the server again after {@link #stopServer} (same port, same data). */
  public void startServer() {
    String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
        + " -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB"
        + " -c max_connections=50";
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l",
        dir.resolve("server.log").toString(), "-o", options, "-w", "-t", "30", "start"), "pg_ctl start");
    awaitListening();
  }

  /** Stops the server (fast: open connections are cut), keeping its data. */
  public void stopServer() {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "-t", "30",
        "stop"), "pg_ctl stop");
  }

  /** Runs {@code sql} in the default database, as {@link #sql(String, String)}. */
  public String sql(String sql) {
    return sql(DATABASE, sql);
  }

  /** Runs {@code sql} with psql over the socket and returns its unaligned, tuples-only output. */
  public String sql(String database, String sql) {
    return run(List.of(bin.resolve("psql").toString(), "-h", dir.toString(), "-p", Integer.toString(port),
        "-U", USER, "-d", database, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql), "psql").strip();
  }

  @Override
  public void close() {
    try {
      if (Files.exists(data().resolve("postmaster.pid"))) {
        stopServer();
      }
    } finally {
      deleteFolder();
    }
  }

  private Path data() {
    return dir.resolve("data");
  }

  private String run(List<String> command, String what) {
    List<String> full = new ArrayList<>();
    if (asRoot()) {
      full.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
    }
    full.addAll(command);
    try {
      Process process = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(what + " failed: " + new String(output, StandardCharsets.UTF_8)
            + logTail());
      }
      return new String(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String logTail() {
    try {
      Path log = dir.resolve("server.log");
      return Files.exists(log) ? "\nserver.log:\n" + Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private void awaitListening() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        sleep();
      }
    }
    throw new IllegalStateException("PostgreSQL does not listen on " + port + logTail());
  }

  private void deleteFolder() {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }

  private static Path binaries() {
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        Optional<Path> newest = versions
            .filter(v -> v.getFileName().toString().matches("\\d+"))
            .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
            .map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")));
        if (newest.isPresent()) {
          return newest.get();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "initdb"))) {
        return Path.of(entry);
      }
    }
    throw new IllegalStateException(
        "initdb is missing: install Debian's postgresql (bin/test does) to run this test");
  }

  private static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package dev.switchboard.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a private Redis for a test: Debian's {@code /usr/bin/redis-server} on a free loopback
 * port, without persistence, its files in the test's temporary directory. Fails (never skips) when
 * the binary is missing: {@code bin/test} installs it. Speaks just enough RESP to check on it.
 */
public final class RedisServer implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/redis-server");
  private static final long START_TIMEOUT_MS = 10_000;

  private final Process process;
  private final int port;
  private final Path dir;

  private RedisServer(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Starts a server keeping its files in {@code dir} and waits until it answers PING. */
  public static RedisServer start(Path dir) {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(
          BINARY + " is missing: install Debian's redis-server (bin/test does) to run this test");
    }
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Process process = launch(dir, port);
      RedisServer server = new RedisServer(process, port, dir);
      try {
        server.awaitPing();
        return server;
      } catch (IllegalStateException e) {
        // another process may have taken the port between probing and binding
        server.close();
        last = e;
      }
    }
    throw last;
  }

  /** Starts a server on {@code port} again (after {@link #close()}), e.g. to end an outage. */
  public static RedisServer start(Path dir, int port) {
    RedisServer server = new RedisServer(launch(dir, port), port, dir);
    try {
      server.awaitPing();
      return server;
    } catch (IllegalStateException e) {
      server.close();
      throw e;
    }
  }

  private static Process launch(Path dir, int port) {
    try {
      return new ProcessBuilder(
              BINARY.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
              "--save", "", "--appendonly", "no", "--dir", dir.toString())
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("redis-" + port + ".log").toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + BINARY, e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitPing() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited with " + process.exitValue());
      }
      try {
        if ("PONG".equals(command("PING"))) {
          return;
        }
      } catch (UncheckedIOException e) {
        // not listening yet
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("redis-server did not answer PING within " + START_TIMEOUT_MS + " ms");
  }

  /**
   * Stops this server and starts a new, empty one on the same port (a Redis restart that lost its
   * data, as one without persistence does), waiting until it answers PING.
   */
  public RedisServer restart() {
    close();
    RedisServer server = new RedisServer(launch(dir, port), port, dir);
    server.awaitPing();
    return server;
  }

  /** Returns the port it listens on. */
  public int port() {
    return port;
  }

  /** Returns the URL a gateway's {@code state.redis} takes. */
  public String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  /**
   * Sends one command and returns a simple reply as text: a status or an integer as written, a bulk
   * string's content, or null for a nil reply. Arrays are not read.
   */
  public String command(String... args) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      socket.setSoTimeout(2000);
      StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
      for (String arg : args) {
        byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
        request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null) {
        throw new UncheckedIOException(new IOException("no reply"));
      }
      return switch (line.charAt(0)) {
        case '+', ':' -> line.substring(1);
        case '-' -> throw new IllegalStateException("redis error: " + line.substring(1));
        case '$' -> line.equals("$-1") ? null : in.readLine();
        default -> throw new IllegalStateException("unexpected reply: " + line);
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the text of {@code INFO section} (a bulk string of many lines). */
  /** Returns how many scripts this Redis has run (EVAL and EVALSHA), from INFO commandstats. */
  public long scriptCalls() {
    long calls = 0;
    for (String line : info("commandstats").split("\\r?\\n")) {
      if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
        // "calls=" first: a greedy ".*calls=" would read failed_calls
        calls += Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"));
      }
    }
    return calls;
  }

  public String info(String section) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      socket.setSoTimeout(2000);
      OutputStream out = socket.getOutputStream();
      out.write(("INFO " + section + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
      StringBuilder header = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new UncheckedIOException(new IOException("no reply"));
        }
        header.append((char) c);
      }
      if (header.charAt(0) != '$') {
        throw new IllegalStateException("unexpected reply: " + header);
      }
      byte[] body = new byte[Integer.parseInt(header.substring(1).strip())];
      in.readFully(body);
      return new String(body, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

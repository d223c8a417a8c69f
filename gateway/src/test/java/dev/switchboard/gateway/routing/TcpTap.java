package dev.switchboard.gateway.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Relays TCP connections to an upstream (WireMock) and notes when the connecting side (the
 * gateway) closes or resets a connection, so a test can see an upstream request being abandoned.
 * The close is passed on to the upstream.
 */
final class TcpTap implements AutoCloseable {
  private final ServerSocket server;
  private final int upstreamPort;
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger closedByClient = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  TcpTap(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "tcp-tap-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Returns how many connections the gateway opened. */
  int accepted() {
    return accepted.get();
  }

  /** Returns how many connections the gateway closed or reset. */
  int closedByClient() {
    return closedByClient.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
        sockets.add(client);
        sockets.add(upstream);
        accepted.incrementAndGet();
        pump(client, upstream, true);
        pump(upstream, client, false);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromClient) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // a reset shows up as an exception: it is a close all the same
              }
              if (fromClient && !server.isClosed()) {
                closedByClient.incrementAndGet();
              }
              closeQuietly(to);
              closeQuietly(from);
            },
            "tcp-tap-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    sockets.forEach(TcpTap::closeQuietly);
  }
}

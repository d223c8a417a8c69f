package dev.switchboard.gateway.bench;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads recorded provider payloads from the test resources for benchmarks. */
public final class Fixtures {

  private Fixtures() {}

  /** Returns the bytes of {@code fixtures/<provider>/<name>}. */
  public static Buffer bytes(String provider, String name) {
    String path = "/fixtures/" + provider + "/" + name;
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

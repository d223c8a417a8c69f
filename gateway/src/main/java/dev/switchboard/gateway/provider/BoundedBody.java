package dev.switchboard.gateway.provider;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;

/**
 * Reads a whole upstream response body with a byte cap, counting the bytes as they arrive (after
 * decompression, so a gzip or brotli bomb is cut like any other answer): past the cap, or when the
 * declared {@code Content-Length} is already past it, the connection is reset and the read fails
 * with {@link UpstreamFailures#tooLarge}. What it holds is never more than the cap.
 */
public final class BoundedBody {
  /** The config key named in the error, so an operator knows what to raise. */
  public static final String BODY_LIMIT_KEY = "server.max_upstream_body_bytes";

  private final HttpClientResponse response;
  private final long maxBytes;
  private final Promise<Buffer> promise = Promise.promise();
  private Buffer body;
  private boolean done;

  private BoundedBody(HttpClientResponse response, long maxBytes) {
    this.response = response;
    this.maxBytes = maxBytes;
  }

  /** Reads {@code response}'s body, failing once it grows past {@code maxBytes}. */
  public static Future<Buffer> read(HttpClientResponse response, long maxBytes) {
    return new BoundedBody(response, maxBytes).start();
  }

  private Future<Buffer> start() {
    long declared = declaredLength();
    if (declared > maxBytes) {
      refuse(); // nothing read: the 1 GiB a hostile upstream announces never reaches the heap
      return promise.future();
    }
    body = Buffer.buffer((int) Math.max(0, Math.min(declared, 64 * 1024)));
    response.handler(this::onBytes);
    response.endHandler(v -> {
      done = true;
      promise.tryComplete(body);
    });
    response.exceptionHandler(t -> {
      done = true;
      promise.tryFail(t);
    });
    response.resume(); // a stream request's response arrives paused
    return promise.future();
  }

  private void onBytes(Buffer bytes) {
    if (done) {
      return;
    }
    if ((long) body.length() + bytes.length() > maxBytes) {
      body = null; // let the partial answer go before the client's error is even written
      refuse();
      return;
    }
    body.appendBuffer(bytes);
  }

  private void refuse() {
    done = true;
    promise.tryFail(UpstreamFailures.tooLarge("answer", maxBytes, BODY_LIMIT_KEY));
    // the reset below fails the response: nothing is left to hear about it
    response.handler(bytes -> {});
    response.exceptionHandler(t -> {});
    response.endHandler(v -> {});
    // HTTP/1.1: closes the connection, so the rest is neither read nor pooled
    response.request().reset();
  }

  private long declaredLength() {
    String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1; // Netty refuses a malformed length before we see it; be lenient anyway
    }
  }
}

package dev.switchboard.gateway.alerts;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts a JSON body to one webhook, signed with {@code X-Switchboard-Signature: sha256=<hex HMAC
 * of the body>} when the webhook has a secret, retrying failures (connection errors, non-2xx)
 * with exponential backoff. Never blocks: the Vert.x web client and timers do the waiting.
 */
final class WebhookSender {
  static final String SIGNATURE_HEADER = "X-Switchboard-Signature";
  static final int MAX_ATTEMPTS = 5;
  private static final long TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final WebClient client;
  private final String url;
  private final byte[] secret;
  private final long backoffMs;

  /**
   * Creates the sender.
   *
   * @param secret the HMAC key, or null for unsigned messages
   * @param backoffMs the wait before the first retry; each further one waits twice as long
   */
  WebhookSender(Vertx vertx, String url, String secret, long backoffMs) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("switchboard-alerts"));
    this.url = url;
    this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
    this.backoffMs = backoffMs;
  }

  /** Sends {@code body}; the future gives the attempts it took, or fails with the last error after the last one. */
  Future<Integer> send(Buffer body) {
    Promise<Integer> done = Promise.promise();
    attempt(body, 1, done);
    return done.future();
  }

  private void attempt(Buffer body, int attempt, Promise<Integer> done) {
    var request = client.postAbs(url).timeout(TIMEOUT_MS).putHeader("Content-Type", "application/json");
    if (secret != null) {
      request.putHeader(SIGNATURE_HEADER, "sha256=" + hmac(secret, body.getBytes()));
    }
    request.sendBuffer(body).onComplete(result -> {
      String error = result.failed()
          ? result.cause().toString()
          : result.result().statusCode() / 100 == 2 ? null : "HTTP " + result.result().statusCode();
      if (error == null) {
        done.complete(attempt);
      } else if (attempt >= MAX_ATTEMPTS) {
        done.fail(new IllegalStateException(error + " after " + attempt + " attempts"));
      } else {
        vertx.setTimer(backoffMs << (attempt - 1), id -> attempt(body, attempt + 1, done));
      }
    });
  }

  /** Returns the lowercase hex HMAC-SHA256 of {@code body} under {@code key}. */
  static String hmac(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Releases the client's connections. */
  void close() {
    client.close();
  }
}

package dev.switchboard.gateway.state;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one Lua script kept on the classpath: sent by hash ({@code EVALSHA}) and in full only when
 * Redis does not know it yet ({@code NOSCRIPT}, the first call after a Redis start).
 */
public final class RedisScript {
  private final String text;
  private final String sha;

  private RedisScript(String text) {
    this.text = text;
    this.sha = sha1(text);
  }

  /** Reads the script {@code name} next to {@code owner}'s class file. */
  public static RedisScript load(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return new RedisScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads the script into Redis's cache, so later calls go by hash. */
  public Future<Response> preload(Redis redis, Duration timeout) {
    return redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(text))
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs the script on {@code keys} with {@code args}, failing after {@code timeout}. */
  public Future<Response> run(Redis redis, List<String> keys, List<Object> args, Duration timeout) {
    return send(redis, Request.cmd(Command.EVALSHA).arg(sha), keys, args, timeout)
        .recover(t -> t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT")
            ? send(redis, Request.cmd(Command.EVAL).arg(text), keys, args, timeout)
            : Future.failedFuture(t));
  }

  private static Future<Response> send(
      Redis redis, Request call, List<String> keys, List<Object> args, Duration timeout) {
    call.arg(keys.size());
    keys.forEach(call::arg);
    for (Object arg : args) {
      call.arg(arg.toString());
    }
    return redis.send(call).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static String sha1(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

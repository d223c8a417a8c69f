package dev.switchboard.gateway.state;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends commands pipelined over one long-lived connection taken from {@code pool}. The pooled
 * client's own {@code send} borrows a connection until the answer arrives, so its 8 connections
 * allowed 8 commands in flight: under load the others waited for a connection past the limiter's
 * 100 ms timeout and the gateway fell back to deciding alone. Redis runs commands one at a time
 * anyway, so one connection carries them all. A connection that fails or ends is dropped; the next
 * command opens a new one.
 */
final class PipelinedRedis implements Redis {
  private final Redis pool;
  private final AtomicReference<Future<RedisConnection>> current = new AtomicReference<>();
  private volatile long lastAnswerNanos = System.nanoTime() - Long.MAX_VALUE / 2;

  PipelinedRedis(Redis pool) {
    this.pool = pool;
  }

  @Override
  public Future<Response> send(Request request) {
    Future<RedisConnection> connection = connection();
    // sent at once when open: the answer's future then belongs to the caller's context, so its
    // timeout timer and callbacks stay on the caller's event loop
    Future<Response> answer = connection.succeeded()
        ? connection.result().send(request)
        : connection.compose(c -> c.send(request));
    return answer.andThen(done -> {
      if (done.succeeded()) {
        lastAnswerNanos = System.nanoTime();
      }
    });
  }

  /** Returns whether Redis answered any command of this client within the last {@code nanos}. */
  boolean answeredWithin(long nanos) {
    return System.nanoTime() - lastAnswerNanos < nanos;
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    return connection().compose(c -> c.batch(requests));
  }

  @Override
  public Future<RedisConnection> connect() {
    return pool.connect();
  }

  @Override
  public Future<Void> close() {
    Future<RedisConnection> connection = current.getAndSet(null);
    Future<Void> closed = connection != null && connection.succeeded()
        ? connection.result().close().otherwiseEmpty()
        : Future.succeededFuture();
    return closed.transform(v -> pool.close());
  }

  /** Returns the open connection, opening one on first use or after a failure. */
  private Future<RedisConnection> connection() {
    Future<RedisConnection> connection = current.get();
    if (connection != null) {
      return connection;
    }
    Promise<RedisConnection> opening = Promise.promise();
    if (!current.compareAndSet(null, opening.future())) {
      return current.get() != null ? current.get() : connection();
    }
    pool.connect().onComplete(done -> {
      if (done.failed()) {
        current.compareAndSet(opening.future(), null);
        opening.fail(done.cause());
        return;
      }
      RedisConnection c = done.result();
      c.exceptionHandler(t -> {
        if (current.compareAndSet(opening.future(), null)) {
          c.close();
        }
      }).endHandler(v -> current.compareAndSet(opening.future(), null));
      opening.complete(c);
    });
    return opening.future();
  }
}

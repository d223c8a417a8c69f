package dev.switchboard.telemetry.store;

import dev.switchboard.config.ClickHouseStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to ClickHouse's HTTP interface with Vert.x's web client and waits for each answer: callers
 * are the usage writer and worker threads, never event loops. Retries with exponential backoff and
 * jitter when the server cannot be reached or answers 5xx; 4xx (bad SQL, bad data, bad
 * password) fail at once. See https://clickhouse.com/docs/en/interfaces/http.
 */
final class ClickHouseHttp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClickHouseHttp.class);
  private static final long REQUEST_TIMEOUT_MS = 120_000;
  private static final long BACKOFF_BASE_MS = 100;
  private static final long BACKOFF_MAX_MS = 5_000;
  // Dedup lookups and big IN lists exceed the default max_query_size of 256 KiB.
  private static final String MAX_QUERY_SIZE = "16777216";

  private final Vertx vertx;
  private final WebClient client;
  private final String database;
  private final String authorization;
  private final String description;
  private volatile boolean reachable = true;

  ClickHouseHttp(ClickHouseStore target, String password) {
    // Its own small Vert.x: the store also serves the CLI, where no Vert.x runs.
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost(target.host())
        .setDefaultPort(target.port())
        .setSsl(target.tls())
        .setKeepAlive(true)
        .setConnectTimeout(5_000)
        .setUserAgent("switchboard"));
    this.database = target.database();
    String credentials = target.user() + ":" + (password == null ? "" : password);
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    this.description = target.toString();
  }

  /**
   * Runs {@code sql} and returns the body of the answer, trying up to {@code attempts} times.
   *
   * @param useDatabase false for statements that must run before the database exists
   */
  String query(String sql, int attempts, boolean useDatabase) {
    return retrying("query", () -> queryOnce(sql, useDatabase), attempts, () -> true);
  }

  /** Runs {@code sql} against the database, up to 3 tries. */
  String query(String sql) {
    return query(sql, 3, true);
  }

  /** Runs {@code sql} once; throws {@link Unreachable} when it may succeed later. */
  String queryOnce(String sql, boolean useDatabase) {
    return once(() -> post(useDatabase).sendBuffer(Buffer.buffer(sql)));
  }

  /**
   * Sends {@code rows} as the data of {@code insert} (an {@code INSERT ... FORMAT} statement)
   * once; throws {@link Unreachable} when it may succeed later.
   */
  void insertOnce(String insert, Buffer rows) {
    once(() -> post(true).addQueryParam("query", insert).sendBuffer(rows));
  }

  /**
   * Runs {@code call}, which talks to ClickHouse with the {@code ...Once} methods, again with
   * backoff while ClickHouse cannot be reached or answers 5xx, up to {@code attempts} times and
   * for as long as {@code keepTrying} says so. A compound call (a lookup, then inserts) is retried
   * whole: an insert whose answer was lost may have been stored, and only a new lookup tells.
   */
  <T> T retrying(String what, Supplier<T> call, int attempts, BooleanSupplier keepTrying) {
    long firstFailure = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        T result = call.get();
        if (attempt > 1) {
          log.info("ClickHouse at {} answers again; {} went through after {} tries in {} s", description, what,
              attempt, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - firstFailure));
        }
        return result;
      } catch (Unreachable failure) {
        if (attempt == 1) {
          firstFailure = System.nanoTime();
        }
        if (attempt >= attempts || !keepTrying.getAsBoolean()) {
          throw new UsageStoreException(
              "ClickHouse " + what + " failed after " + attempt + " tries at " + description, failure.getCause());
        }
        if (attempt == 1 || attempt % 20 == 0) {
          log.warn("ClickHouse {} at {} failed ({}), retrying", what, description, failure.getCause().toString());
        }
        sleep(backoff(attempt));
      }
    }
  }

  /** Returns whether ClickHouse answered the last request (anything but 5xx), as far as this client knows. */
  boolean reachable() {
    return reachable;
  }

  private HttpRequest<Buffer> post(boolean useDatabase) {
    HttpRequest<Buffer> request = client.post("/")
        .putHeader("Authorization", authorization)
        .addQueryParam("max_query_size", MAX_QUERY_SIZE)
        .timeout(REQUEST_TIMEOUT_MS);
    return useDatabase ? request.addQueryParam("database", database) : request;
  }

  private String once(Supplier<Future<HttpResponse<Buffer>>> call) {
    Exception failure;
    try {
      HttpResponse<Buffer> response = call.get().toCompletionStage().toCompletableFuture()
          .get(REQUEST_TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
      String body = response.body() == null ? "" : response.body().toString(StandardCharsets.UTF_8);
      reachable = response.statusCode() < 500;
      if (response.statusCode() == 200) {
        return body;
      }
      ClickHouseException error = new ClickHouseException(response.statusCode(), body.strip());
      if (response.statusCode() < 500 && !shuttingDown(body)) {
        throw error;
      }
      failure = error;
    } catch (ExecutionException e) {
      failure = e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UsageStoreException("interrupted while waiting for ClickHouse at " + description, e);
    }
    reachable = false;
    throw new Unreachable(failure);
  }

  /**
   * Tells whether an error answer is a server between shutting down and starting: for a moment
   * clickhouse-server still answers HTTP while its databases are detached, and says our table or
   * database does not exist (codes 60 UNKNOWN_TABLE, 81 UNKNOWN_DATABASE). That passes like a refused
   * connection, so it is retried like one; a table really dropped keeps failing until the retries end.
   */
  static boolean shuttingDown(String body) {
    return body.startsWith("Code: 60.") || body.startsWith("Code: 81.")
        || body.contains("Code: 60,") || body.contains("Code: 81,");
  }

  /** Returns an equal-jitter backoff: uniform in [c/2, c] for c = min(5 s, 100 ms * 2^(attempt-1)). */
  static Duration backoff(int attempt) {
    long cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS << Math.min(attempt - 1, 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UsageStoreException("interrupted while waiting to retry ClickHouse", e);
    }
  }

  @Override
  public void close() {
    client.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.debug("Vert.x of the ClickHouse client did not close cleanly", e);
    }
  }

  @Override
  public String toString() {
    return description;
  }

  /** Signals a failure that may pass: no connection, a timeout, a 5xx answer; the cause says which. */
  static final class Unreachable extends RuntimeException {
    Unreachable(Exception cause) {
      super(cause.toString(), cause, false, false);
    }
  }

  /** Signals an error answer of ClickHouse: its HTTP status and its message. */
  static final class ClickHouseException extends RuntimeException {
    private final int status;

    ClickHouseException(int status, String message) {
      super("HTTP " + status + ": " + (message.length() > 2_000 ? message.substring(0, 2_000) + "..." : message));
      this.status = status;
    }

    int status() {
      return status;
    }
  }
}

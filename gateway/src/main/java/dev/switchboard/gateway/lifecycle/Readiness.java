package dev.switchboard.gateway.lifecycle;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * Decides whether this gateway is ready for traffic: not draining, and every registered check
 * (shared stores) answering within {@link #PROBE_TIMEOUT}. Checks run in parallel on each call,
 * so a load balancer polling every few seconds sees an outage within one poll.
 */
public final class Readiness {
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final List<ReadinessCheck> checks = new CopyOnWriteArrayList<>();
  private volatile boolean draining;

  public Readiness(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Adds a check; {@code /ready} fails while it fails. */
  public void register(ReadinessCheck check) {
    checks.add(check);
  }

  /** Marks the gateway as draining: from now on it reports not ready, whatever the checks say. */
  public void startDraining() {
    draining = true;
  }

  /** Returns whether draining has started. */
  public boolean draining() {
    return draining;
  }

  /** Releases what the checks hold; called once the gateway has stopped serving. */
  public void close() {
    checks.forEach(check -> check.release().run());
  }

  /** Probes every check and reports. */
  public Future<ReadinessReport> report() {
    List<Future<String>> outcomes = new ArrayList<>();
    for (ReadinessCheck check : checks) {
      outcomes.add(probe(check));
    }
    return Future.join(outcomes).transform(ignored -> {
      Map<String, String> states = new LinkedHashMap<>();
      states.put("config", "ok"); // serving at all means the config loaded and validated
      boolean allOk = true;
      for (int i = 0; i < checks.size(); i++) {
        String state = outcomes.get(i).result();
        states.put(checks.get(i).name(), state);
        allOk &= state.equals("ok");
      }
      String status = draining ? "draining" : allOk ? "ready" : "not_ready";
      return Future.succeededFuture(new ReadinessReport(status, states));
    });
  }

  private Future<String> probe(ReadinessCheck check) {
    Future<?> probe;
    try {
      probe = check.probe().get();
    } catch (RuntimeException e) {
      probe = Future.failedFuture(e);
    }
    Promise<String> outcome = Promise.promise();
    long timer =
        vertx.setTimer(PROBE_TIMEOUT.toMillis(), id -> outcome.tryComplete(reason(new TimeoutException())));
    probe.onComplete(done -> {
      vertx.cancelTimer(timer);
      outcome.tryComplete(done.succeeded() ? "ok" : reason(done.cause()));
    });
    return outcome.future();
  }

  private static String reason(Throwable cause) {
    if (cause instanceof TimeoutException) {
      return "no answer within " + PROBE_TIMEOUT.toMillis() + " ms";
    }
    String message = cause.getMessage();
    return "unreachable: " + (message == null ? cause.getClass().getSimpleName() : message);
  }
}

package dev.switchboard.gateway.simulate;

import io.vertx.core.Vertx;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches the gateway's own metrics once a second so the simulator can wait while the classifier
 * queue or the usage writer queue runs full: a simulation must never make the gateway shed
 * classification or drop records, or its statistics would no longer match what was sent.
 */
final class GatewayPressure {
  private static final Pattern CLASSIFIER_QUEUE = Pattern.compile("(?m)^switchboard_classifier_queue(?:\\{[^}]*})? ([0-9.eE+-]+)");
  private static final Pattern WRITER_QUEUE = Pattern.compile("(?m)^switchboard_telemetry_queue_depth_records(?:\\{[^}]*})? ([0-9.eE+-]+)");
  private static final Pattern SHED = Pattern.compile("(?m)^switchboard_classifier_shed_total(?:\\{[^}]*})? ([0-9.eE+-]+)");
  private static final Pattern DROPPED = Pattern.compile("(?m)^switchboard_telemetry_records_total\\{[^}]*outcome=\"dropped\"[^}]*} ([0-9.eE+-]+)");
  private static final double CLASSIFIER_HIGH = 1_000;
  private static final double WRITER_HIGH = 20_000;

  private final Vertx vertx;
  private final GatewayClient client;
  private volatile boolean busy;
  private volatile double shed;
  private volatile double dropped;
  private volatile boolean readable = true;
  private long timer = -1;

  GatewayPressure(Vertx vertx, GatewayClient client) {
    this.vertx = vertx;
    this.client = client;
  }

  void start() {
    timer = vertx.setPeriodic(0, 1_000, id -> poll());
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Blocks the calling (simulator) thread while the gateway's queues are over their marks. */
  void awaitCalm() throws InterruptedException {
    while (busy) {
      Thread.sleep(50);
    }
  }

  /** Returns the classifications the gateway shed so far, as last read. */
  double shed() {
    return shed;
  }

  /** Returns the usage records the gateway dropped so far, as last read. */
  double dropped() {
    return dropped;
  }

  private void poll() {
    if (!readable) {
      return;
    }
    client.get("/metrics").onComplete(r -> {
      if (r.failed()) {
        readable = false; // metrics not reachable: go on without pressure feedback
        busy = false;
        return;
      }
      String text = r.result().toString();
      busy = value(CLASSIFIER_QUEUE, text) > CLASSIFIER_HIGH || value(WRITER_QUEUE, text) > WRITER_HIGH;
      shed = value(SHED, text);
      dropped = value(DROPPED, text);
    });
  }

  private static double value(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}

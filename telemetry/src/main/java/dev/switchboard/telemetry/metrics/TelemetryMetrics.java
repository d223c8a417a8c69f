package dev.switchboard.telemetry.metrics;

import dev.switchboard.telemetry.store.AsyncUsageWriter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Binds the usage writer's counters and queue depth to a registry. The meters read the writer's
 * own counters rather than counting a second time; they hold it weakly, so its owner keeps it
 * alive.
 */
public final class TelemetryMetrics implements MeterBinder {
  /** Counts records by what became of them, tagged {@code outcome=written|dropped|failed}. */
  public static final String RECORDS = "switchboard.telemetry.records";

  /** Gauges the records waiting for the writer thread. */
  public static final String QUEUE_DEPTH = "switchboard.telemetry.queue.depth";

  private final AsyncUsageWriter writer;

  public TelemetryMetrics(AsyncUsageWriter writer) {
    this.writer = writer;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    records(registry, "written", w -> w.stats().written(), "Usage records stored");
    records(registry, "dropped", w -> w.stats().dropped(), "Usage records dropped: queue full");
    records(registry, "failed", w -> w.stats().failed(), "Usage records the store refused");
    Gauge.builder(QUEUE_DEPTH, writer, w -> w.stats().queueDepth())
        .description("Usage records waiting to be written")
        .baseUnit("records")
        .register(registry);
  }

  private void records(
      MeterRegistry registry,
      String outcome,
      ToDoubleFunction<AsyncUsageWriter> count,
      String help) {
    FunctionCounter.builder(RECORDS, writer, count)
        .tag("outcome", outcome)
        .description(help)
        .baseUnit("records")
        .register(registry);
  }
}

package dev.switchboard.telemetry.metrics;

import dev.switchboard.telemetry.journal.UsageJournal;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Binds the usage journal's counters and backlog to a registry, reading the journal's own
 * counters. A growing {@code switchboard.telemetry.journal.unstored} means the store is down or
 * behind; {@code entries{outcome=dropped}} counts records that were not made durable.
 */
public final class JournalMetrics implements MeterBinder {
  /** Counts journal entries, tagged {@code outcome=appended|dropped}. */
  public static final String ENTRIES = "switchboard.telemetry.journal.entries";

  /** Counts records stored again from the journal (after a crash, a full queue or a store failure). */
  public static final String REPLAYED = "switchboard.telemetry.journal.replayed";

  /** Counts damaged entries skipped at a segment's end after a crash. */
  public static final String TORN = "switchboard.telemetry.journal.torn";

  /** Gauges the journal bytes the store has not acknowledged yet. */
  public static final String UNSTORED = "switchboard.telemetry.journal.unstored";

  /** Gauges the bound on the journal's files. */
  public static final String LIMIT = "switchboard.telemetry.journal.limit";

  /** Gauges the journaled records not stored yet. */
  public static final String PENDING = "switchboard.telemetry.journal.pending";

  private final UsageJournal journal;

  public JournalMetrics(UsageJournal journal) {
    this.journal = journal;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counter(registry, ENTRIES, "appended", s -> s.stats().appended(), "Usage journal entries written", "entries");
    counter(registry, ENTRIES, "dropped", s -> s.stats().dropped(),
        "Usage journal entries dropped: journal full, record kept in memory only", "entries");
    counter(registry, REPLAYED, null, s -> s.stats().replayed(), "Usage records stored from the journal", "records");
    counter(registry, TORN, null, s -> s.stats().torn(), "Damaged journal entries skipped after a crash", "entries");
    gauge(registry, UNSTORED, s -> s.stats().unstoredBytes(), "Journal bytes not yet stored", "bytes");
    gauge(registry, LIMIT, s -> s.stats().maxBytes(), "Bound on the journal's files", "bytes");
    gauge(registry, PENDING, s -> s.stats().pendingRecords(), "Journaled records not yet stored", "records");
  }

  private void counter(MeterRegistry registry, String name, String outcome,
      ToDoubleFunction<UsageJournal> count, String help, String unit) {
    FunctionCounter.Builder<UsageJournal> b =
        FunctionCounter.builder(name, journal, count).description(help).baseUnit(unit);
    if (outcome != null) {
      b.tag("outcome", outcome);
    }
    b.register(registry);
  }

  private void gauge(MeterRegistry registry, String name, ToDoubleFunction<UsageJournal> value,
      String help, String unit) {
    Gauge.builder(name, journal, value).description(help).baseUnit(unit).register(registry);
  }
}

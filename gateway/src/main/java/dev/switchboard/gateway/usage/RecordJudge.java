package dev.switchboard.gateway.usage;

import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.telemetry.UsageRecord;
import java.util.function.Consumer;

/**
 * Lets a judge model add its category to a classified record before it is stored ({@code
 * classifier.judge}); the record's final write waits for it, bounded by the judge's timeout.
 */
@FunctionalInterface
public interface RecordJudge {

  /**
   * Hands {@code record} (classified, not yet stored) to {@code done} exactly once: at once when
   * it is not judged, else when its judge answered, failed or timed out. Called off the event
   * loops (a classifier thread, or the record builder when classification is off); must not block.
   */
  void review(UsageRecord record, ChatRequest request, Consumer<UsageRecord> done);

  /** Returns a judge that judges nothing. */
  static RecordJudge none() {
    return (record, request, done) -> done.accept(record);
  }
}

package dev.switchboard.gateway.judge;

import java.util.Locale;

/** Names how a sampled request's judging ended, the {@code outcome} tag of {@code gateway_judge_calls_total}. */
enum JudgeOutcome {
  /** The judge answered with a category, now stored on the record. */
  LABELLED,
  /** The judge answered, but with no category (stored as null). */
  UNKNOWN,
  /** The call failed (upstream error, no provider). */
  FAILED,
  /** No answer within {@code timeout_ms} (waiting in the queue included). */
  TIMEOUT,
  /** The queue was full: not sent. */
  DROPPED,
  /** The day's budget was spent: not sent. */
  BUDGET,
  /** The gateway was stopping: not sent, or given up. */
  SHUTDOWN;

  /** Returns the tag value ({@code labelled}). */
  String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}

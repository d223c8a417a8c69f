package dev.switchboard.telemetry.stats;

import java.util.Locale;

/**
 * Names a column an aggregate can be grouped by. Every value comes back as a string; missing
 * values come back as {@link #UNKNOWN} (or {@code none} where absence is normal, e.g. no error).
 */
public enum Dimension {
  /** The catalog id, else the requested model name. */
  MODEL,
  AUTHOR,
  /** {@code proprietary}, {@code chinese_oss}, {@code row_oss}, or {@code unknown}; see {@link Segment}. */
  SOURCE,
  SIZE_CLASS,
  /** The primary category label, {@code unclassified} when the classifier did not run or gave none. */
  CATEGORY,
  /** The best sub-tag of the primary category ({@code debugging}), {@code none} when there is none. */
  SUB_TAG,
  LANGUAGE,
  COUNTRY,
  CONTINENT,
  PROVIDER,
  APP,
  KEY,
  /** {@code true}, {@code false} or {@code unknown}. */
  REASONING_MODEL,
  FINISH_REASON,
  OUTCOME,
  ERROR_TYPE,
  /** {@code true} or {@code false}. */
  STREAMED,
  /** Upstream attempts made, as a decimal string. */
  ATTEMPTS,
  /** The ingress API: {@code chat}, {@code messages}, {@code responses} or {@code embeddings}. */
  API,
  /** The category label a judge model gave, {@link #UNJUDGED} for requests not judged. */
  JUDGE_CATEGORY,
  /**
   * A tag the request carried, {@link #UNTAGGED} for requests without tags. A request with several
   * tags counts once in each of them, so the groups can add up to more than the total.
   */
  TAG;

  /** The tag of requests that carried none. */
  public static final String UNTAGGED = "untagged";

  /** The judge category of requests no judge labelled. */
  public static final String UNJUDGED = "unjudged";

  /** The value standing for missing metadata. */
  public static final String UNKNOWN = "unknown";

  /** The value standing for "not applicable" (no error, no finish reason, no sub-tag). */
  public static final String NONE = "none";

  /** Returns the lowercase wire name ({@code size_class}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

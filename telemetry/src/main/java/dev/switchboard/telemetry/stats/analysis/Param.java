package dev.switchboard.telemetry.stats.analysis;

import java.util.Locale;
import java.util.Optional;

/** Names a parameter an analysis accepts, with its wire name and what values are allowed. */
public enum Param {
  FROM("start of the window (inclusive): ISO date (UTC midnight) or instant; default: first record"),
  TO("end of the window (exclusive): ISO date or instant; default: now"),
  BUCKET("time bucket: day | week | month (ISO weeks start Monday 00:00 UTC); default week"),
  TOKENS("token counts: native (provider-reported, default) | normalized (o200k_base)"),
  WEIGHT("what shares count: tokens (default) | requests | cost"),
  TOP("how many entries before the rest is grouped as 'other': 1..1000"),
  METHOD("category labels: local (the classifier, default) | judge (the judge model's, judged sample only)"
      + " | calibrated (local shares corrected by the judged sample's confusion, with a 95% interval)"),
  INCLUDE_OTHER("true | false: keep the Other category in category denominators; default false"),
  INCLUDE_BYOK("true | false: count bring-your-own-key requests in cost and price; default false"),
  MIN_REQUESTS("smallest number of requests a model needs to count: 1..10^9"),
  MIN_USERS("smallest cohort (users) that can be flagged: 1..10^9; default 20"),
  MODEL("filter: model ids, comma-separated"),
  AUTHOR("filter: model authors, comma-separated"),
  SOURCE("filter: proprietary | chinese_oss | row_oss | open_weight | unknown, comma-separated"),
  CATEGORY("filter: category labels (Programming, Roleplay, ...), comma-separated"),
  KEY("filter: API key ids, comma-separated"),
  APP("filter: app names (X-Title / HTTP-Referer), comma-separated"),
  PROVIDER("filter: provider ids, comma-separated"),
  TAG("filter: request tags (x-switchboard-tags / metadata.tags), comma-separated; a record matches any");

  private final String description;

  Param(String description) {
    this.description = description;
  }

  /** Returns the query-string name ({@code include_other}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns what the parameter does and which values it allows. */
  public String description() {
    return description;
  }

  /** Finds a parameter by its query-string name. */
  public static Optional<Param> fromWireName(String name) {
    for (Param p : values()) {
      if (p.wireName().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}

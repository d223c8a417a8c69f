package dev.switchboard.telemetry.stats.analysis;

import dev.switchboard.telemetry.stats.Bucket;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.TokenMode;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * Holds the parameters of one analysis run; a null or empty value means the analysis default.
 *
 * @param from window start, null for the first record
 * @param to window end (exclusive), null for now
 * @param method where category analyses take their labels from
 */
public record StatsQuery(
    Instant from,
    Instant to,
    Bucket bucket,
    TokenMode tokens,
    Weight weight,
    OptionalInt top,
    boolean includeOther,
    Boolean includeByok,
    OptionalInt minRequests,
    OptionalInt minUsers,
    Filter filter,
    CategoryMethod method) {

  public StatsQuery {
    method = method == null ? CategoryMethod.LOCAL : method;
  }

  /** Returns a query with local category labels. */
  public StatsQuery(Instant from, Instant to, Bucket bucket, TokenMode tokens, Weight weight, OptionalInt top,
      boolean includeOther, Boolean includeByok, OptionalInt minRequests, OptionalInt minUsers, Filter filter) {
    this(from, to, bucket, tokens, weight, top, includeOther, includeByok, minRequests, minUsers, filter,
        CategoryMethod.LOCAL);
  }

  /** Returns the defaults: whole store, weekly, native tokens, token-weighted, no filter. */
  public static StatsQuery defaults() {
    return new StatsQuery(null, null, Bucket.WEEK, TokenMode.NATIVE, Weight.TOKENS, OptionalInt.empty(),
        false, null, OptionalInt.empty(), OptionalInt.empty(), Filter.none());
  }

  public StatsQuery withWindow(Instant newFrom, Instant newTo) {
    return new StatsQuery(newFrom, newTo, bucket, tokens, weight, top, includeOther, includeByok,
        minRequests, minUsers, filter, method);
  }

  public StatsQuery withBucket(Bucket value) {
    return new StatsQuery(from, to, value, tokens, weight, top, includeOther, includeByok,
        minRequests, minUsers, filter, method);
  }

  public StatsQuery withTokens(TokenMode value) {
    return new StatsQuery(from, to, bucket, value, weight, top, includeOther, includeByok,
        minRequests, minUsers, filter, method);
  }

  public StatsQuery withWeight(Weight value) {
    return new StatsQuery(from, to, bucket, tokens, value, top, includeOther, includeByok,
        minRequests, minUsers, filter, method);
  }

  public StatsQuery withTop(int value) {
    return new StatsQuery(from, to, bucket, tokens, weight, OptionalInt.of(value), includeOther,
        includeByok, minRequests, minUsers, filter, method);
  }

  public StatsQuery withIncludeOther(boolean value) {
    return new StatsQuery(from, to, bucket, tokens, weight, top, value, includeByok,
        minRequests, minUsers, filter, method);
  }

  public StatsQuery withIncludeByok(Boolean value) {
    return new StatsQuery(from, to, bucket, tokens, weight, top, includeOther, value,
        minRequests, minUsers, filter, method);
  }

  public StatsQuery withMinRequests(int value) {
    return new StatsQuery(from, to, bucket, tokens, weight, top, includeOther, includeByok,
        OptionalInt.of(value), minUsers, filter, method);
  }

  public StatsQuery withMinUsers(int value) {
    return new StatsQuery(from, to, bucket, tokens, weight, top, includeOther, includeByok,
        minRequests, OptionalInt.of(value), filter, method);
  }

  public StatsQuery withFilter(Filter value) {
    return new StatsQuery(from, to, bucket, tokens, weight, top, includeOther, includeByok,
        minRequests, minUsers, value, method);
  }

  public StatsQuery withMethod(CategoryMethod value) {
    return new StatsQuery(from, to, bucket, tokens, weight, top, includeOther, includeByok,
        minRequests, minUsers, filter, value);
  }
}

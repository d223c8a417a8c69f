package dev.switchboard.telemetry.store;

import dev.switchboard.config.catalog.SizeClass;
import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.Classification;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.ModelFacts;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.stats.LogBins;
import dev.switchboard.telemetry.stats.Segment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBAppender;

/** Maps usage records to rows of {@code usage_records} and back, in the schema's column order. */
final class UsageRows {
  /** The select list that {@link #read} expects; ts comes back as epoch microseconds. */
  static final String SELECT_COLUMNS =
      "id, epoch_us(ts), api_key_id, end_user, app, requested_model, served_model, provider,"
          + " catalog_id, author, open_weights, origin_country, size_class, reasoning_model,"
          + " streamed, prompt_tokens, completion_tokens, reasoning_tokens, cached_read_tokens,"
          + " cache_write_tokens, normalized_prompt_tokens, normalized_completion_tokens,"
          + " tools_offered, tool_calls, finish_reason, native_finish_reason, http_status, outcome,"
          + " error_type, latency_ms, ttft_ms, cost_usd, country, continent, category,"
          + " category_confidence, category_tags, language, unclassified_reason, attempts, byok,"
          + " api, judge_category, tags";

  private UsageRows() {}

  /** Appends one row; boxed nulls become SQL NULL through the appender's boxed overloads. */
  static void write(DuckDBAppender a, UsageRecord r) throws SQLException {
    ModelFacts m = r.model() == null ? ModelFacts.unknown() : r.model();
    TokenUsage u = r.usage() == null ? TokenUsage.unknown() : r.usage();
    a.beginRow();
    a.append(r.id());
    if (r.timestamp() == null) {
      a.appendNull();
    } else {
      a.appendEpochMicros(epochMicros(r.timestamp()));
    }
    a.append(r.apiKeyId());
    a.append(r.endUser());
    a.append(r.app());
    a.append(r.requestedModel());
    a.append(r.servedModel());
    a.append(r.provider());
    a.append(m.catalogId());
    a.append(m.author());
    a.append(m.openWeights());
    a.append(m.originCountry());
    a.append(m.sizeClass() == null ? null : m.sizeClass().label());
    a.append(m.reasoning());
    a.append(r.streamed());
    a.append(u.promptTokens());
    a.append(u.completionTokens());
    a.append(u.reasoningTokens());
    a.append(u.cachedReadTokens());
    a.append(u.cacheWriteTokens());
    a.append(r.normalizedPromptTokens());
    a.append(r.normalizedCompletionTokens());
    a.append(r.toolsOffered());
    a.append(r.toolCalls());
    a.append(r.finishReason() == null ? null : r.finishReason().wireName());
    a.append(r.nativeFinishReason());
    a.append(r.httpStatus());
    a.append(r.outcome() == null ? null : r.outcome().label());
    a.append(r.errorType());
    a.append(r.latencyMs());
    a.append(r.ttftMs());
    a.append(r.costUsd());
    a.append(r.country());
    a.append(r.continent());
    Classification c = r.classification();
    a.append(c.category() == null ? null : c.category().label());
    a.append(c.isClassified() ? (Double) c.confidence() : null);
    a.append(CategoryTags.format(c.tags()));
    a.append(c.language());
    a.append(c.unclassifiedReason());
    a.append(r.attempts());
    a.append(r.byok());
    a.append(modelKey(r));
    a.append(Segment.of(m.openWeights(), m.originCountry()).label());
    a.append(subTag(c));
    Integer[] bins = bins(r);
    a.append(bins[0]);
    a.append(bins[1]);
    a.append(bins[2]);
    a.append(r.api());
    a.append(r.judgeCategory());
    a.append(r.tags());
    a.endRow();
  }

  /**
   * Returns the {@link LogBins} bins of latency, time to first token and output tokens per second
   * (native completion tokens over the time after the first token), null where they do not apply;
   * {@link AggregateSql#binExpr} computes the same in SQL.
   */
  static Integer[] bins(UsageRecord r) {
    Integer[] bins = new Integer[3];
    if (r.outcome() != Outcome.SUCCESS) {
      return bins;
    }
    bins[0] = LogBins.bin(r.latencyMs());
    if (r.streamed() && r.ttftMs() != null) {
      bins[1] = LogBins.bin(r.ttftMs());
    }
    Long completion = r.usage().completionTokens();
    long duration = r.latencyMs() - (r.ttftMs() == null ? 0 : r.ttftMs());
    if (completion != null && completion > 0 && duration > 0) {
      bins[2] = LogBins.bin(completion * 1000.0 / duration);
    }
    return bins;
  }

  /** Returns the model a record counts for, as {@link AggregateSql#MODEL_EXPR} spells it in SQL. */
  static String modelKey(UsageRecord r) {
    if (r.model().catalogId() != null) {
      return r.model().catalogId();
    }
    if (r.requestedModel() != null) {
      return r.requestedModel();
    }
    return r.servedModel() != null ? r.servedModel() : "unknown";
  }

  /** Returns the best sub-tag of the primary category, as {@link AggregateSql#SUB_TAG_EXPR} finds it. */
  static String subTag(Classification c) {
    if (c.category() == null) {
      return null;
    }
    String prefix = c.category().label() + "/";
    for (Classification.Tag tag : c.tags()) {
      String name = tag.name().replace(',', ' ').replace(':', ' ');
      if (name.startsWith(prefix)) {
        String sub = name.substring(prefix.length());
        int slash = sub.indexOf('/');
        sub = slash < 0 ? sub : sub.substring(0, slash);
        return sub.isEmpty() ? null : sub;
      }
    }
    return null;
  }

  /** Rebuilds the record from a row selected with {@link #SELECT_COLUMNS}. */
  static UsageRecord read(ResultSet rs) throws SQLException {
    ModelFacts facts =
        new ModelFacts(
            rs.getString(9),
            rs.getString(10),
            nullableBoolean(rs, 11),
            rs.getString(12),
            sizeClass(rs.getString(13)),
            nullableBoolean(rs, 14));
    TokenUsage usage =
        new TokenUsage(
            nullableLong(rs, 16),
            nullableLong(rs, 17),
            nullableLong(rs, 18),
            nullableLong(rs, 19),
            nullableLong(rs, 20));
    String finish = rs.getString(25);
    String outcome = rs.getString(28);
    String category = rs.getString(35);
    Classification classification =
        new Classification(
            category == null ? null : Category.fromLabel(category).orElse(Category.OTHER),
            category == null ? 0.0 : rs.getDouble(36),
            CategoryTags.parse(rs.getString(37)),
            rs.getString(38),
            rs.getString(39));
    return new UsageRecord(
        rs.getString(1),
        fromEpochMicros(rs.getLong(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        facts,
        rs.getBoolean(15),
        usage,
        nullableLong(rs, 21),
        nullableLong(rs, 22),
        rs.getBoolean(23),
        rs.getInt(24),
        finish == null ? null : FinishReason.fromWireName(finish).orElse(null),
        rs.getString(26),
        rs.getInt(27),
        outcome == null ? null : Outcome.valueOf(outcome.toUpperCase(Locale.ROOT)),
        rs.getString(29),
        rs.getLong(30),
        nullableLong(rs, 31),
        nullableDouble(rs, 32),
        rs.getString(33),
        rs.getString(34),
        classification,
        rs.getInt(40),
        rs.getBoolean(41),
        List.of(),
        rs.getString(42),
        rs.getString(43),
        rs.getString(44));
  }

  /** Converts to DuckDB's microsecond resolution; sub-microsecond digits are dropped. */
  static long epochMicros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  static Instant fromEpochMicros(long micros) {
    return Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
  }

  private static SizeClass sizeClass(String label) {
    if (label == null) {
      return null;
    }
    for (SizeClass c : SizeClass.values()) {
      if (c.label().equals(label)) {
        return c;
      }
    }
    return SizeClass.UNKNOWN;
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  private static Boolean nullableBoolean(ResultSet rs, int column) throws SQLException {
    boolean v = rs.getBoolean(column);
    return rs.wasNull() ? null : v;
  }
}

package dev.switchboard.telemetry.store;

import dev.switchboard.config.catalog.SizeClass;
import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.Classification;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.ModelFacts;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.ProviderAttempt;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.stats.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps usage records to {@code RowBinary} rows of {@code usage_records} and {@code
 * usage_attempts}, and rows selected with {@link #SELECT_COLUMNS} back to records. RowBinary
 * rather than JSONEachRow: 18.16 parses JSON field by field by name, which cost more server CPU
 * per record than everything else of an insert.
 */
final class ClickHouseRows {
  /** The select list {@link #read} expects. */
  static final String SELECT_COLUMNS = UsageRows.SELECT_COLUMNS.replace("epoch_us(ts)", "ts_us");

  private ClickHouseRows() {}

  /** Writes one {@code usage_records} row, every column in table order ({@link ClickHouseSchema}). */
  static void write(RowBinary w, UsageRecord r) {
    ModelFacts m = r.model() == null ? ModelFacts.unknown() : r.model();
    TokenUsage u = r.usage() == null ? TokenUsage.unknown() : r.usage();
    long micros = UsageRows.epochMicros(r.timestamp());
    w.string(r.id());
    w.int64(micros);
    w.dateTime(Math.floorDiv(micros, 1_000_000L));
    w.nullableString(r.apiKeyId());
    w.nullableString(r.endUser());
    w.nullableString(r.app());
    w.nullableString(r.requestedModel());
    w.nullableString(r.servedModel());
    w.nullableString(r.provider());
    w.nullableString(m.catalogId());
    w.nullableString(m.author());
    w.nullableBool(m.openWeights());
    w.nullableString(m.originCountry());
    w.nullableString(m.sizeClass() == null ? null : m.sizeClass().label());
    w.nullableBool(m.reasoning());
    w.bool(r.streamed());
    w.nullableInt64(u.promptTokens());
    w.nullableInt64(u.completionTokens());
    w.nullableInt64(u.reasoningTokens());
    w.nullableInt64(u.cachedReadTokens());
    w.nullableInt64(u.cacheWriteTokens());
    w.nullableInt64(r.normalizedPromptTokens());
    w.nullableInt64(r.normalizedCompletionTokens());
    w.bool(r.toolsOffered());
    w.int32(r.toolCalls());
    w.nullableString(r.finishReason() == null ? null : r.finishReason().wireName());
    w.nullableString(r.nativeFinishReason());
    w.int32(r.httpStatus());
    w.string(r.outcome().label());
    w.nullableString(r.errorType());
    w.int64(r.latencyMs());
    w.nullableInt64(r.ttftMs());
    w.nullableFloat64(r.costUsd());
    w.nullableString(r.country());
    w.nullableString(r.continent());
    Classification c = r.classification();
    w.nullableString(c.category() == null ? null : c.category().label());
    w.nullableFloat64(c.isClassified() ? (Double) c.confidence() : null);
    w.nullableString(CategoryTags.format(c.tags()));
    w.nullableString(c.language());
    w.nullableString(c.unclassifiedReason());
    w.int32(r.attempts());
    w.bool(r.byok());
    w.string(UsageRows.modelKey(r));
    w.string(Segment.of(m.openWeights(), m.originCountry()).label());
    w.nullableString(UsageRows.subTag(c));
    Integer[] bins = UsageRows.bins(r);
    for (Integer bin : bins) {
      w.int32(bin == null ? ClickHouseSql.NO_BIN : bin);
    }
    w.string(r.api());
    w.nullableString(r.judgeCategory());
    w.nullableString(r.tags());
  }

  /** Writes one {@code usage_attempts} row per attempt of {@code r}, numbered from 1. */
  static void writeAttempts(RowBinary w, UsageRecord r) {
    long micros = UsageRows.epochMicros(r.timestamp());
    int n = 0;
    for (ProviderAttempt a : r.providerAttempts()) {
      w.string(r.id());
      w.int64(micros);
      w.dateTime(Math.floorDiv(micros, 1_000_000L));
      w.int32(++n);
      w.nullableString(a.provider());
      w.nullableString(a.model());
      w.nullableInt32(a.status());
      w.nullableString(a.errorType());
      w.int64(a.latencyMs());
    }
  }

  /** Rebuilds a record (without attempts) from a row selected with {@link #SELECT_COLUMNS}. */
  static UsageRecord read(String[] f) {
    ModelFacts facts = new ModelFacts(f[8], f[9], bool(f[10]), f[11], sizeClass(f[12]), bool(f[13]));
    TokenUsage usage = new TokenUsage(lng(f[15]), lng(f[16]), lng(f[17]), lng(f[18]), lng(f[19]));
    String category = f[34];
    Classification classification = new Classification(
        category == null ? null : Category.fromLabel(category).orElse(Category.OTHER),
        category == null || f[35] == null ? 0.0 : Double.parseDouble(f[35]),
        CategoryTags.parse(f[36]),
        f[37],
        f[38]);
    return new UsageRecord(
        f[0],
        UsageRows.fromEpochMicros(Long.parseLong(f[1])),
        f[2], f[3], f[4], f[5], f[6], f[7],
        facts,
        bool(f[14]),
        usage,
        lng(f[20]),
        lng(f[21]),
        bool(f[22]),
        Integer.parseInt(f[23]),
        f[24] == null ? null : FinishReason.fromWireName(f[24]).orElse(null),
        f[25],
        Integer.parseInt(f[26]),
        Outcome.valueOf(f[27].toUpperCase(Locale.ROOT)),
        f[28],
        Long.parseLong(f[29]),
        lng(f[30]),
        f[31] == null ? null : Double.parseDouble(f[31]),
        f[32],
        f[33],
        classification,
        Integer.parseInt(f[39]),
        bool(f[40]),
        List.of(),
        f[41],
        f[42]);
  }

  /** The select list {@link #readAttempts} expects. */
  static final String ATTEMPT_COLUMNS = "provider, model, status, error_type, latency_ms";

  static List<ProviderAttempt> readAttempts(List<String[]> rows) {
    List<ProviderAttempt> attempts = new ArrayList<>();
    for (String[] f : rows) {
      attempts.add(new ProviderAttempt(f[0], f[1], f[2] == null ? null : Integer.valueOf(f[2]), f[3], Long.parseLong(f[4])));
    }
    return attempts;
  }

  private static Boolean bool(String text) {
    return text == null ? null : text.equals("1");
  }

  private static Long lng(String text) {
    return text == null ? null : Long.valueOf(text);
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
}

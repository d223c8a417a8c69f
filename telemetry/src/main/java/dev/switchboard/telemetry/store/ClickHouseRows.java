package dev.switchboard.telemetry.store;

import com.fasterxml.jackson.core.JsonGenerator;
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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps usage records to {@code JSONEachRow} lines of {@code usage_records} and {@code
 * usage_attempts}, and rows selected with {@link #SELECT_COLUMNS} back to records. NULLs are
 * omitted from the JSON: a missing field takes the column's default, NULL for Nullable columns.
 */
final class ClickHouseRows {
  /** The select list {@link #read} expects. */
  static final String SELECT_COLUMNS = UsageRows.SELECT_COLUMNS.replace("epoch_us(ts)", "ts_us");

  private ClickHouseRows() {}

  /** Writes one JSON object line for {@code usage_records}. */
  static void write(JsonGenerator g, UsageRecord r) throws IOException {
    ModelFacts m = r.model() == null ? ModelFacts.unknown() : r.model();
    TokenUsage u = r.usage() == null ? TokenUsage.unknown() : r.usage();
    long micros = UsageRows.epochMicros(r.timestamp());
    g.writeStartObject();
    g.writeStringField("id", r.id());
    g.writeNumberField("ts_us", micros);
    g.writeNumberField("ts", Math.floorDiv(micros, 1_000_000L));
    string(g, "api_key_id", r.apiKeyId());
    string(g, "end_user", r.endUser());
    string(g, "app", r.app());
    string(g, "requested_model", r.requestedModel());
    string(g, "served_model", r.servedModel());
    string(g, "provider", r.provider());
    string(g, "catalog_id", m.catalogId());
    string(g, "author", m.author());
    bool(g, "open_weights", m.openWeights());
    string(g, "origin_country", m.originCountry());
    string(g, "size_class", m.sizeClass() == null ? null : m.sizeClass().label());
    bool(g, "reasoning_model", m.reasoning());
    bool(g, "streamed", r.streamed());
    number(g, "prompt_tokens", u.promptTokens());
    number(g, "completion_tokens", u.completionTokens());
    number(g, "reasoning_tokens", u.reasoningTokens());
    number(g, "cached_read_tokens", u.cachedReadTokens());
    number(g, "cache_write_tokens", u.cacheWriteTokens());
    number(g, "normalized_prompt_tokens", r.normalizedPromptTokens());
    number(g, "normalized_completion_tokens", r.normalizedCompletionTokens());
    bool(g, "tools_offered", r.toolsOffered());
    g.writeNumberField("tool_calls", r.toolCalls());
    string(g, "finish_reason", r.finishReason() == null ? null : r.finishReason().wireName());
    string(g, "native_finish_reason", r.nativeFinishReason());
    g.writeNumberField("http_status", r.httpStatus());
    g.writeStringField("outcome", r.outcome().label());
    string(g, "error_type", r.errorType());
    g.writeNumberField("latency_ms", r.latencyMs());
    number(g, "ttft_ms", r.ttftMs());
    if (r.costUsd() != null) {
      g.writeNumberField("cost_usd", r.costUsd());
    }
    string(g, "country", r.country());
    string(g, "continent", r.continent());
    Classification c = r.classification();
    string(g, "category", c.category() == null ? null : c.category().label());
    if (c.isClassified()) {
      g.writeNumberField("category_confidence", c.confidence());
    }
    string(g, "category_tags", CategoryTags.format(c.tags()));
    string(g, "language", c.language());
    string(g, "unclassified_reason", c.unclassifiedReason());
    g.writeNumberField("attempts", r.attempts());
    bool(g, "byok", r.byok());
    g.writeStringField("model_key", UsageRows.modelKey(r));
    g.writeStringField("source", Segment.of(m.openWeights(), m.originCountry()).label());
    string(g, "sub_tag", UsageRows.subTag(c));
    Integer[] bins = UsageRows.bins(r);
    g.writeNumberField("latency_bin", bins[0] == null ? ClickHouseSql.NO_BIN : bins[0]);
    g.writeNumberField("ttft_bin", bins[1] == null ? ClickHouseSql.NO_BIN : bins[1]);
    g.writeNumberField("tps_bin", bins[2] == null ? ClickHouseSql.NO_BIN : bins[2]);
    g.writeEndObject();
    g.writeRaw('\n');
  }

  /** Writes one JSON object line per attempt of {@code r} for {@code usage_attempts}, numbered from 1. */
  static void writeAttempts(JsonGenerator g, UsageRecord r) throws IOException {
    long micros = UsageRows.epochMicros(r.timestamp());
    int n = 0;
    for (ProviderAttempt a : r.providerAttempts()) {
      g.writeStartObject();
      g.writeStringField("request_id", r.id());
      g.writeNumberField("ts_us", micros);
      g.writeNumberField("ts", Math.floorDiv(micros, 1_000_000L));
      g.writeNumberField("attempt", ++n);
      string(g, "provider", a.provider());
      string(g, "model", a.model());
      number(g, "status", a.status() == null ? null : a.status().longValue());
      string(g, "error_type", a.errorType());
      g.writeNumberField("latency_ms", a.latencyMs());
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  private static void string(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void number(JsonGenerator g, String name, Long value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value);
    }
  }

  private static void bool(JsonGenerator g, String name, Boolean value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value ? 1 : 0); // UInt8: 18.16 reads no JSON true/false into it
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
        bool(f[40]));
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

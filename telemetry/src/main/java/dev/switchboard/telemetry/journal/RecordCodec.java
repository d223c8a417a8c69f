package dev.switchboard.telemetry.journal;

import dev.switchboard.config.catalog.SizeClass;
import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.Classification;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.ModelFacts;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.ProviderAttempt;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes a usage record into compact bytes and back: varints for numbers, length-prefixed UTF-8
 * for strings, enums by name (so reordering an enum never misreads an old journal), a presence
 * marker for every nullable value. About 250 bytes for a typical record.
 */
final class RecordCodec {
  private RecordCodec() {}

  /** Appends {@code r} to {@code out}. */
  static void encode(UsageRecord r, Output out) {
    out.string(r.id());
    out.varlong(r.timestamp().getEpochSecond());
    out.varint(r.timestamp().getNano());
    out.string(r.apiKeyId());
    out.string(r.endUser());
    out.string(r.app());
    out.string(r.requestedModel());
    out.string(r.servedModel());
    out.string(r.provider());
    ModelFacts m = r.model();
    out.string(m.catalogId());
    out.string(m.author());
    out.bool(m.openWeights());
    out.string(m.originCountry());
    out.string(m.sizeClass() == null ? null : m.sizeClass().name());
    out.bool(m.reasoning());
    out.flag(r.streamed());
    TokenUsage u = r.usage();
    out.nullableLong(u.promptTokens());
    out.nullableLong(u.completionTokens());
    out.nullableLong(u.reasoningTokens());
    out.nullableLong(u.cachedReadTokens());
    out.nullableLong(u.cacheWriteTokens());
    out.nullableLong(r.normalizedPromptTokens());
    out.nullableLong(r.normalizedCompletionTokens());
    out.flag(r.toolsOffered());
    out.varint(r.toolCalls());
    out.string(r.finishReason() == null ? null : r.finishReason().name());
    out.string(r.nativeFinishReason());
    out.varint(r.httpStatus());
    out.string(r.outcome() == null ? null : r.outcome().name());
    out.string(r.errorType());
    out.varlong(r.latencyMs());
    out.nullableLong(r.ttftMs());
    out.nullableDouble(r.costUsd());
    out.string(r.country());
    out.string(r.continent());
    Classification c = r.classification();
    out.string(c.category() == null ? null : c.category().name());
    out.rawDouble(c.confidence());
    out.varint(c.tags().size());
    for (Classification.Tag tag : c.tags()) {
      out.string(tag.name());
      out.rawDouble(tag.confidence());
    }
    out.string(c.language());
    out.string(c.unclassifiedReason());
    out.varint(r.attempts());
    out.flag(r.byok());
    out.varint(r.providerAttempts().size());
    for (ProviderAttempt a : r.providerAttempts()) {
      out.string(a.provider());
      out.string(a.model());
      out.nullableLong(a.status() == null ? null : a.status().longValue());
      out.string(a.errorType());
      out.varlong(a.latencyMs());
    }
    out.string(r.api()); // entries written before the ingress API was recorded end before this
    out.string(r.judgeCategory());
    out.string(r.tags()); // entries written before tags were recorded end before this
  }

  /** Reads a record written by {@link #encode}. */
  static UsageRecord decode(byte[] bytes, int offset, int length) {
    Input in = new Input(bytes, offset, offset + length);
    String id = in.string();
    Instant timestamp = Instant.ofEpochSecond(in.varlong(), in.varint());
    String apiKeyId = in.string();
    String endUser = in.string();
    String app = in.string();
    String requestedModel = in.string();
    String servedModel = in.string();
    String provider = in.string();
    ModelFacts facts =
        new ModelFacts(
            in.string(),
            in.string(),
            in.bool(),
            in.string(),
            enumOf(SizeClass.class, in.string()),
            in.bool());
    boolean streamed = in.flag();
    TokenUsage usage =
        new TokenUsage(in.nullableLong(), in.nullableLong(), in.nullableLong(), in.nullableLong(), in.nullableLong());
    Long normalizedPrompt = in.nullableLong();
    Long normalizedCompletion = in.nullableLong();
    boolean toolsOffered = in.flag();
    int toolCalls = in.varint();
    FinishReason finish = enumOf(FinishReason.class, in.string());
    String nativeFinish = in.string();
    int status = in.varint();
    Outcome outcome = enumOf(Outcome.class, in.string());
    String errorType = in.string();
    long latency = in.varlong();
    Long ttft = in.nullableLong();
    Double cost = in.nullableDouble();
    String country = in.string();
    String continent = in.string();
    Category category = enumOf(Category.class, in.string());
    double confidence = in.rawDouble();
    int tagCount = in.varint();
    List<Classification.Tag> tags = new ArrayList<>(tagCount);
    for (int i = 0; i < tagCount; i++) {
      tags.add(new Classification.Tag(in.string(), in.rawDouble()));
    }
    Classification classification =
        new Classification(category, confidence, tags, in.string(), in.string());
    int attempts = in.varint();
    boolean byok = in.flag();
    int attemptCount = in.varint();
    List<ProviderAttempt> details = new ArrayList<>(attemptCount);
    for (int i = 0; i < attemptCount; i++) {
      String p = in.string();
      String model = in.string();
      Long s = in.nullableLong();
      details.add(new ProviderAttempt(p, model, s == null ? null : s.intValue(), in.string(), in.varlong()));
    }
    String api = in.hasMore() ? in.string() : null;
    String judgeCategory = in.hasMore() ? in.string() : null;
    String requestTags = in.hasMore() ? in.string() : null;
    return new UsageRecord(
        id, timestamp, apiKeyId, endUser, app, requestedModel, servedModel, provider, facts,
        streamed, usage, normalizedPrompt, normalizedCompletion, toolsOffered, toolCalls, finish,
        nativeFinish, status, outcome, errorType, latency, ttft, cost, country, continent,
        classification, attempts, byok, details, api, judgeCategory, requestTags);
  }

  /** Reads only the id, the first field of an encoded record. */
  static String id(byte[] bytes, int offset, int length) {
    return new Input(bytes, offset, offset + length).string();
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
    if (name == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      return null; // a value this version does not know: unknown, like a null
    }
  }

  /** A growable byte buffer the encoder writes into; reused per thread. */
  static final class Output {
    byte[] bytes = new byte[512];
    int size;

    void reset() {
      size = 0;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    void flag(boolean v) {
      ensure(1);
      bytes[size++] = (byte) (v ? 1 : 0);
    }

    void bool(Boolean v) {
      ensure(1);
      bytes[size++] = (byte) (v == null ? 0 : v ? 2 : 1);
    }

    void varint(int v) {
      varlong(v & 0xFFFFFFFFL);
    }

    void varlong(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        bytes[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      bytes[size++] = (byte) v;
    }

    void nullableLong(Long v) {
      if (v == null) {
        flag(false);
        return;
      }
      flag(true);
      long x = v;
      varlong((x << 1) ^ (x >> 63)); // zigzag: small negatives stay short
    }

    void rawDouble(double v) {
      ensure(8);
      long bits = Double.doubleToRawLongBits(v);
      for (int i = 0; i < 8; i++) {
        bytes[size++] = (byte) (bits >>> (8 * i));
      }
    }

    void nullableDouble(Double v) {
      flag(v != null);
      if (v != null) {
        rawDouble(v);
      }
    }

    /**
     * Writes varint(length + 1) then UTF-8; 0 for null. ASCII, the usual case, is copied char by
     * char in one pass; other text goes through {@code getBytes}.
     */
    void string(String s) {
      if (s == null) {
        varint(0);
        return;
      }
      int n = s.length();
      if (n < 127) {
        ensure(n + 1);
        int start = size;
        bytes[start] = (byte) (n + 1); // a one-byte varint
        int at = start + 1;
        for (int i = 0; i < n; i++) {
          char c = s.charAt(i);
          if (c >= 0x80) {
            at = -1;
            break;
          }
          bytes[at++] = (byte) c;
        }
        if (at >= 0) {
          size = at;
          return;
        }
      }
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      varint(utf8.length + 1);
      ensure(utf8.length);
      System.arraycopy(utf8, 0, bytes, size, utf8.length);
      size += utf8.length;
    }
  }

  /** Reads what {@link Output} wrote. */
  static final class Input {
    private final byte[] bytes;
    private int pos;
    private final int end;

    Input(byte[] bytes, int pos, int end) {
      this.bytes = bytes;
      this.pos = pos;
      this.end = end;
    }

    /** Returns whether bytes are left to read. */
    boolean hasMore() {
      return pos < end;
    }

    private byte next() {
      if (pos >= end) {
        throw new IllegalStateException("truncated journal entry");
      }
      return bytes[pos++];
    }

    boolean flag() {
      return next() != 0;
    }

    Boolean bool() {
      byte b = next();
      return b == 0 ? null : b == 2;
    }

    int varint() {
      return (int) varlong();
    }

    long varlong() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = next();
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
      }
      throw new IllegalStateException("malformed varint in journal entry");
    }

    Long nullableLong() {
      if (!flag()) {
        return null;
      }
      long z = varlong();
      return (z >>> 1) ^ -(z & 1);
    }

    double rawDouble() {
      long bits = 0;
      for (int i = 0; i < 8; i++) {
        bits |= (next() & 0xFFL) << (8 * i);
      }
      return Double.longBitsToDouble(bits);
    }

    Double nullableDouble() {
      return flag() ? rawDouble() : null;
    }

    String string() {
      int n = varint();
      if (n == 0) {
        return null;
      }
      n -= 1;
      if (n < 0 || pos + n > end) {
        throw new IllegalStateException("truncated journal entry");
      }
      String s = new String(bytes, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }
  }
}

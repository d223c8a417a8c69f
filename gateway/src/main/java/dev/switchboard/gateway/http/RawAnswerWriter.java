package dev.switchboard.gateway.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.RawObject;
import dev.switchboard.gateway.provider.RelayLayout;
import dev.switchboard.gateway.provider.RelayLayout.ChoiceGap;
import dev.switchboard.gateway.provider.RelayLayout.Span;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an upstream answer kept as bytes ({@link RawObject}) the way {@link ChunkShaper} shapes a
 * tree, for a chat completions client: our id, the public model, {@code object}, {@code created},
 * {@code system_fingerprint}, null {@code logprobs}/{@code finish_reason} where a choice lacks
 * them, and {@code usage} as the caller restated it (or removed); every other byte goes out as
 * the upstream sent it. Members that were missing are appended, as a tree would append them.
 */
final class RawAnswerWriter {
  private static final byte[] COMPLETION = quoted("chat.completion");
  private static final byte[] CHUNK = quoted("chat.completion.chunk");
  private static final byte[] FINGERPRINT = quoted(ChunkShaper.DEFAULT_FINGERPRINT);
  private static final byte[] NOTHING = new byte[0];

  private final byte[] id;
  private final byte[] model;
  private final long created;

  RawAnswerWriter(String id, String model, long created) {
    this.id = quoted(id);
    this.model = quoted(model);
    this.created = created;
  }

  /** Appends a whole {@code chat.completion}, its usage object changed as {@code usage} says. */
  void completion(RawObject answer, UsageEdit usage, Buffer out) {
    write(answer, COMPLETION, true, usage, out);
  }

  /** Appends one {@code chat.completion.chunk}, with its usage only when the client asked for it. */
  void chunk(RawObject chunk, boolean includeUsage, UsageEdit usage, Buffer out) {
    write(chunk, CHUNK, includeUsage, usage, out);
  }

  private void write(
      RawObject answer, byte[] object, boolean keepUsage, UsageEdit usageEdit, Buffer out) {
    RelayLayout layout = answer.layout();
    List<Edit> edits = new ArrayList<>(8);
    StringBuilder appended = new StringBuilder();
    replaceOrAppend(edits, appended, layout.id(), "id", id);
    replaceOrAppend(edits, appended, layout.object(), "object", object);
    if (!layout.hasCreated()) {
      appended.append(",\"created\":").append(created);
    }
    replaceOrAppend(edits, appended, layout.model(), "model", model);
    if (layout.fingerprint() == null) {
      append(appended, "system_fingerprint", FINGERPRINT);
    } else if (!layout.fingerprintIsText()) {
      edits.add(new Edit(layout.fingerprint(), FINGERPRINT));
    }
    if (keepUsage) {
      if (layout.usage() != null) {
        Edit edit = usageEdit(layout, usageEdit);
        if (edit != null) {
          edits.add(edit);
        }
      } else if (layout.usageValue() == null && object == CHUNK) {
        appended.append(",\"usage\":null");
      }
    } else if (layout.usageMember() != null) {
      edits.add(new Edit(layout.usageMember(), NOTHING));
    }
    for (ChoiceGap gap : layout.choiceGaps()) {
      StringBuilder members = new StringBuilder();
      if (gap.lacksLogprobs()) {
        members.append(",\"logprobs\":null");
      }
      if (gap.lacksFinishReason()) {
        members.append(",\"finish_reason\":null");
      }
      String text = gap.empty() ? members.substring(1) : members.toString();
      edits.add(new Edit(new Span(gap.close(), gap.close()), text.getBytes(StandardCharsets.UTF_8)));
    }
    if (!appended.isEmpty()) {
      // the scan requires choices, so the object has a member to follow
      edits.add(new Edit(
          new Span(layout.close(), layout.close()),
          appended.toString().getBytes(StandardCharsets.UTF_8)));
    }
    edits.sort((a, b) -> Integer.compare(a.span().start(), b.span().start()));
    byte[] bytes = answer.bytes();
    int at = layout.start();
    for (Edit edit : edits) {
      out.appendBytes(bytes, at, edit.span().start() - at);
      out.appendBytes(edit.bytes());
      at = edit.span().end();
    }
    out.appendBytes(bytes, at, layout.close() + 1 - at);
  }

  /** Returns the edit of the usage object: its new cost inserted, all of it rewritten, or null. */
  private static Edit usageEdit(RelayLayout layout, UsageEdit usage) {
    Span value = layout.usageValue();
    JsonNode cost = usage.addedCost();
    if (!usage.rewritten() && cost == null) {
      return null;
    }
    if (!usage.rewritten() && cost.isNumber() && Double.isFinite(cost.doubleValue())) {
      int close = value.end() - 1;
      String member = (layout.usage().size() > 1 ? ",\"cost\":" : "\"cost\":") + cost.asText();
      return new Edit(new Span(close, close), member.getBytes(StandardCharsets.UTF_8));
    }
    return new Edit(value, JsonCodec.write(layout.usage()).getBytes());
  }

  private static void replaceOrAppend(
      List<Edit> edits, StringBuilder appended, Span value, String name, byte[] replacement) {
    if (value != null) {
      edits.add(new Edit(value, replacement));
    } else {
      append(appended, name, replacement);
    }
  }

  private static void append(StringBuilder appended, String name, byte[] value) {
    appended.append(",\"").append(name).append("\":").append(new String(value, StandardCharsets.UTF_8));
  }

  /** Returns {@code text} as a JSON string's UTF-8 bytes, quotes included. */
  private static byte[] quoted(String text) {
    byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(text);
    byte[] quoted = new byte[escaped.length + 2];
    quoted[0] = '"';
    System.arraycopy(escaped, 0, quoted, 1, escaped.length);
    quoted[quoted.length - 1] = '"';
    return quoted;
  }

  /**
   * How the upstream's usage object changed on its way out, so that only that is written.
   *
   * @param rewritten whether counts were restated (then the whole object is written again)
   * @param addedCost the {@code cost} member the gateway added, or null
   */
  record UsageEdit(boolean rewritten, JsonNode addedCost) {
    static final UsageEdit NONE = new UsageEdit(false, null);

    /** Returns the edit of {@code usage}, which had a cost before when {@code hadCost}. */
    static UsageEdit of(boolean rewritten, boolean hadCost, ObjectNode usage) {
      return new UsageEdit(rewritten, hadCost ? null : usage.get("cost"));
    }
  }

  /** Bytes that replace a span (an insertion when the span is empty). */
  private record Edit(Span span, byte[] bytes) {}
}

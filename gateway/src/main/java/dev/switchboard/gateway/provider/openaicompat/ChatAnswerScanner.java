package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.RawObject;
import dev.switchboard.gateway.provider.RelayLayout;
import dev.switchboard.gateway.provider.RelayLayout.ChoiceGap;
import dev.switchboard.gateway.provider.RelayLayout.Span;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a plain OpenAI {@code chat.completion} (or chunk) in one pass over its bytes with Jackson's
 * token stream, without building a tree: the members the gateway rewrites are located, {@code
 * usage} (small) is parsed, each choice's text and finish reason are read, and every other value
 * is skipped unread. An answer the {@link AnswerNormalizer} would change, or that carries anything
 * the tree path reads beyond that (an in-band error, reasoning, tool calls, content parts, usage in
 * odd places, a duplicated member), is declined: the tree path handles it as before, so both paths
 * always agree.
 */
public final class ChatAnswerScanner {
  private static final JsonFactory FACTORY = WireJson.MAPPER.getFactory();

  /** Top-level members. */
  private static final int ID = 1;
  private static final int OBJECT = 2;
  private static final int CREATED = 4;
  private static final int MODEL = 8;
  private static final int FINGERPRINT = 16;
  private static final int CHOICES = 32;
  private static final int USAGE = 64;
  private static final int TREE = 128;

  /** Any other member, at the top level or in a choice. */
  private static final int OTHER = 256;

  /** Members of a choice. */
  private static final int MESSAGE = 1;
  private static final int FINISH_REASON = 2;
  private static final int LOGPROBS = 4;

  private final JsonParser parser;
  private final byte[] bytes;
  private final boolean chunk;

  private ChatAnswerScanner(JsonParser parser, byte[] bytes, boolean chunk) {
    this.parser = parser;
    this.bytes = bytes;
    this.chunk = chunk;
  }

  /**
   * Scans {@code json}: a stream chunk when {@code chunk} (choices carry {@code delta}), else a
   * whole answer (choices carry {@code message}).
   *
   * @return what was found, or null when the tree path must handle these bytes (unusual shape,
   *     or not JSON at all: the tree path reports that as it always did)
   */
  static ScannedAnswer scan(byte[] json, boolean chunk) {
    if (!validUtf8(json)) {
      return null; // skipped strings are not decoded: bad bytes would reach the client and a later tree read
    }
    try (JsonParser parser = FACTORY.createParser(json)) {
      return new ChatAnswerScanner(parser, json, chunk).answer();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Tells whether {@code bytes} are well-formed UTF-8; ASCII (most answers) is a plain loop. */
  static boolean validUtf8(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        try {
          StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
          return true;
        } catch (CharacterCodingException e) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Returns {@code json} kept as its bytes with what a scan found, or null when the tree path
   * must handle it; see {@link #scan}.
   */
  public static RawObject relayable(byte[] json, boolean chunk) {
    ScannedAnswer scanned = scan(json, chunk);
    return scanned == null ? null : RawObject.of(json, scanned.layout());
  }

  private ScannedAnswer answer() throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    int start = tokenStart();
    int seen = 0;
    // id, object and system_fingerprint strings are replaced whole: left undecoded, their end is
    // found from the next token's start
    Span[] replaced = new Span[3];
    int unfinished = -1;
    int unfinishedStart = -1;
    Span model = null;
    String modelText = null;
    boolean fingerprintIsText = false;
    List<ScannedAnswer.Choice> choices = null;
    List<ChoiceGap> gaps = new ArrayList<>(0);
    int usageStart = -1;
    int usageEnd = -1;
    Span usageValue = null;
    ObjectNode usage = null;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      int memberStart = tokenStart();
      if (unfinished >= 0) {
        replaced[unfinished] = new Span(unfinishedStart, valueEndBefore(memberStart));
        unfinished = -1;
      }
      if (usageValue != null && usageEnd == usageValue.end()) {
        usageEnd = memberStart; // removing usage takes the comma after it
      }
      int bit = bit(name);
      if ((seen & bit & ~OTHER) != 0 || bit == TREE) {
        return null; // a repeated member (the tree keeps the last one), or one the tree path reads
      }
      seen |= bit;
      JsonToken value = parser.nextToken();
      int valueStart = tokenStart();
      switch (bit) {
        case ID, OBJECT, FINGERPRINT -> {
          if (value == JsonToken.VALUE_STRING) {
            unfinished = bit == ID ? 0 : bit == OBJECT ? 1 : 2;
            unfinishedStart = valueStart;
            fingerprintIsText |= bit == FINGERPRINT;
          } else if (bit == FINGERPRINT && value == JsonToken.VALUE_NULL) {
            replaced[2] = new Span(valueStart, end());
          } else {
            return null;
          }
        }
        case MODEL -> {
          if (value != JsonToken.VALUE_STRING) {
            return null;
          }
          modelText = parser.getText();
          model = new Span(valueStart, end());
        }
        case CREATED -> {
          // a stream's "created": 0 (Azure) is removed by the normalizer: the tree path does that;
          // JSON allows a leading 0 (or -0) only in zero itself
          if (value != JsonToken.VALUE_NUMBER_INT || (chunk && isZero(valueStart))) {
            return null;
          }
        }
        case CHOICES -> {
          if (value != JsonToken.START_ARRAY) {
            return null;
          }
          choices = new ArrayList<>(1);
          if (!choices(choices, gaps)) {
            return null;
          }
        }
        case USAGE -> {
          if (value == JsonToken.START_OBJECT) {
            usage = (ObjectNode) tree(value);
          } else if (value != JsonToken.VALUE_NULL) {
            return null;
          }
          usageValue = new Span(valueStart, end());
          usageStart = memberStart;
          usageEnd = usageValue.end();
        }
        default -> parser.skipChildren();
      }
    }
    if (token != JsonToken.END_OBJECT || choices == null) {
      return null; // an answer without choices: the tree path reports it
    }
    int close = tokenStart();
    if (unfinished >= 0) {
      replaced[unfinished] = new Span(unfinishedStart, valueEndBefore(close));
    }
    if (parser.nextToken() != null) {
      return null; // more after the object: the tree path ignores or rejects it
    }
    Span id = replaced[0];
    Span object = replaced[1];
    Span fingerprint = replaced[2];
    Span usageMember = null;
    if (usageValue != null) {
      if (usageEnd == usageValue.end()) {
        usageStart = commaBefore(usageStart); // the last member: take the comma before it
      }
      usageMember = new Span(usageStart, usageEnd);
    }
    RelayLayout layout = new RelayLayout(
        start, close, id, object, (seen & CREATED) != 0, model, fingerprint, fingerprintIsText,
        choices.isEmpty(), gaps, usageMember, usageValue, usage);
    return new ScannedAnswer(layout, modelText, usage, choices);
  }

  /** Reads the elements of {@code choices}; returns false when the tree path must handle them. */
  private boolean choices(List<ScannedAnswer.Choice> choices, List<ChoiceGap> gaps)
      throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
      int seen = 0;
      String finishReason = null;
      String answer = "";
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        int bit = switch (name) {
          case "delta", "message" -> MESSAGE;
          case "finish_reason" -> FINISH_REASON;
          case "logprobs" -> LOGPROBS;
          default -> OTHER;
        };
        if ((seen & bit & ~OTHER) != 0 || name.equals("usage")) {
          return false; // repeated (the tree keeps the last one), or Moonshot's usage
        }
        seen |= bit;
        if (bit == MESSAGE) {
          // the tree path reads delta, else message, in a chunk; only message in a whole answer
          answer = !chunk && name.equals("delta") ? null : message(value);
          if (answer == null) {
            return false;
          }
        } else if (bit == FINISH_REASON) {
          if (value == JsonToken.VALUE_STRING) {
            finishReason = parser.getText();
          }
          if (value != JsonToken.VALUE_NULL
              && (finishReason == null
                  || !AnswerNormalizer.OPENAI_FINISH_REASONS.contains(finishReason))) {
            return false; // the normalizer maps it
          }
        } else {
          parser.skipChildren();
        }
      }
      choices.add(new ScannedAnswer.Choice(answer, finishReason));
      if ((seen & LOGPROBS) == 0 || (seen & FINISH_REASON) == 0) {
        gaps.add(new ChoiceGap(
            tokenStart(), seen == 0, (seen & LOGPROBS) == 0, (seen & FINISH_REASON) == 0));
      }
    }
    return token == JsonToken.END_ARRAY;
  }

  /**
   * Reads a delta or message value: returns its content followed by its refusal ("" for null),
   * or null when the tree path must handle it.
   */
  private String message(JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return "";
    }
    return value == JsonToken.START_OBJECT ? messageMembers() : null;
  }

  /** Reads the members of a delta or message object, as {@link #message} returns them. */
  private String messageMembers() throws IOException {
    String content = null;
    String refusal = null;
    boolean seenContent = false;
    boolean seenRefusal = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "content" -> {
          if (seenContent || (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL)) {
            return null; // repeated, or content parts (the normalizer flattens them)
          }
          seenContent = true;
          content = value == JsonToken.VALUE_STRING ? parser.getText() : null;
        }
        case "refusal" -> {
          if (seenRefusal) {
            return null;
          }
          seenRefusal = true;
          refusal = value == JsonToken.VALUE_STRING ? parser.getText() : null;
          parser.skipChildren();
        }
        // read or rewritten by the tree path (the normalizer, the accumulator)
        case "reasoning", "reasoning_content", "reasoning_details", "tool_calls", "function_call" -> {
          return null;
        }
        default -> parser.skipChildren();
      }
    }
    if (refusal == null) {
      return content == null ? "" : content;
    }
    return content == null ? refusal : content + refusal;
  }

  private static int bit(String name) {
    return switch (name) {
      case "id" -> ID;
      case "object" -> OBJECT;
      case "created" -> CREATED;
      case "model" -> MODEL;
      case "system_fingerprint" -> FINGERPRINT;
      case "choices" -> CHOICES;
      case "usage" -> USAGE;
      // read by the tree path: in-band errors (MiniMax base_resp) and Groq's usage
      case "error", "base_resp", "x_groq" -> TREE;
      default -> OTHER;
    };
  }

  /** Returns whether the number token at {@code at} is zero (no other number starts with 0). */
  private boolean isZero(int at) {
    return bytes[at] == '0' || (bytes[at] == '-' && bytes[at + 1] == '0');
  }

  /**
   * Returns where the value before the token at {@code next} (a member name or the closing
   * brace) ends: before the whitespace and comma between them.
   */
  private int valueEndBefore(int next) {
    int at = next - 1;
    while (isWhitespace(bytes[at])) {
      at--;
    }
    if (bytes[at] == ',') {
      at--;
      while (isWhitespace(bytes[at])) {
        at--;
      }
    }
    return at + 1;
  }

  /** Reads the value starting at {@code token} into a tree, as Jackson's own tree reader would. */
  private JsonNode tree(JsonToken token) throws IOException {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (token) {
      case START_OBJECT -> {
        ObjectNode object = nodes.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          object.set(name, tree(parser.nextToken())); // a repeated name: the last one wins
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = nodes.arrayNode();
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
          array.add(tree(element));
        }
        yield array;
      }
      case VALUE_STRING -> nodes.textNode(parser.getText());
      case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
        case INT -> nodes.numberNode(parser.getIntValue());
        case LONG -> nodes.numberNode(parser.getLongValue());
        default -> nodes.numberNode(parser.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> nodes.booleanNode(true);
      case VALUE_FALSE -> nodes.booleanNode(false);
      case VALUE_NULL -> nodes.nullNode();
      default -> throw new IOException("unexpected " + token);
    };
  }

  /** Returns the offset of the comma before {@code memberStart}, past whitespace. */
  private int commaBefore(int memberStart) {
    int at = memberStart - 1;
    while (at > 0 && isWhitespace(bytes[at])) {
      at--;
    }
    return bytes[at] == ',' ? at : memberStart;
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  private int tokenStart() {
    return (int) parser.currentTokenLocation().getByteOffset();
  }

  /** Returns the offset just past the current token, which must have been read whole. */
  private int end() {
    return (int) parser.currentLocation().getByteOffset();
  }
}

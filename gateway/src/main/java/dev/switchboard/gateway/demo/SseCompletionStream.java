package dev.switchboard.gateway.demo;

import dev.switchboard.gateway.demo.SimulatedCompletion.ToolCall;
import dev.switchboard.telemetry.tokens.TokenCounter;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a planned completion as OpenAI {@code chat.completion.chunk} server-sent events, one
 * event per write, paced like the model generating it, and stops when the client goes away.
 */
final class SseCompletionStream {
  private static final int WORDS_PER_CHUNK = 3;
  private static final int ARGUMENT_CHARS_PER_CHUNK = 16;

  private final HttpServerResponse response;
  private final Pacer pacer;
  private final List<Event> events;
  private boolean closed;

  SseCompletionStream(
      HttpServerResponse response,
      ChatCompletionJson json,
      SimulatedCompletion completion,
      Pacer pacer,
      boolean includeUsage,
      TokenCounter counter) {
    this(response, json, completion, pacer, includeUsage, counter, false, WORDS_PER_CHUNK);
  }

  /**
   * Creates a stream of {@code wordsPerChunk} words per content event that, when {@code breakOff},
   * ends with an error event after the first content.
   */
  SseCompletionStream(
      HttpServerResponse response,
      ChatCompletionJson json,
      SimulatedCompletion completion,
      Pacer pacer,
      boolean includeUsage,
      TokenCounter counter,
      boolean breakOff,
      int wordsPerChunk) {
    this.response = response;
    this.pacer = pacer;
    List<Event> all = events(json, completion, pacer, includeUsage, counter, wordsPerChunk);
    if (breakOff) {
      // the role chunk and one piece of content, then the provider gives up, as OpenRouter reports it
      all = new ArrayList<>(all.subList(0, Math.min(2, all.size())));
      all.add(new Event(0, json.midStreamErrorChunk()));
    }
    this.events = all;
  }

  /** Starts streaming; the first event leaves after the model's time to first byte. */
  void start() {
    response
        .setChunked(true)
        .putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache");
    response.closeHandler(v -> closed = true);
    emit(0);
  }

  private void emit(int index) {
    if (index == events.size()) {
      response.end();
      return;
    }
    Event event = events.get(index);
    pacer.after(
        event.delayMillis(),
        () -> {
          if (closed) {
            return;
          }
          response.write("data: " + event.data() + "\n\n");
          emit(index + 1);
        });
  }

  private static List<Event> events(
      ChatCompletionJson json,
      SimulatedCompletion completion,
      Pacer pacer,
      boolean includeUsage,
      TokenCounter counter,
      int wordsPerChunk) {
    List<Event> events = new ArrayList<>();
    int reasoningTokens = completion.usage().reasoningTokens();
    events.add(new Event(pacer.firstByteMillis(reasoningTokens), json.roleChunk()));
    if (completion.content() != null) {
      for (String piece : splitWords(completion.content(), wordsPerChunk)) {
        events.add(new Event(pacer.piecesMillis(piece, counter), json.contentChunk(piece)));
      }
    }
    for (int i = 0; i < completion.toolCalls().size(); i++) {
      ToolCall call = completion.toolCalls().get(i);
      long nameDelay = pacer.piecesMillis(call.name(), counter);
      events.add(new Event(nameDelay, json.toolCallStartChunk(i, call)));
      for (String piece : splitChars(call.arguments())) {
        events.add(new Event(pacer.piecesMillis(piece, counter), json.toolCallArgumentsChunk(i, piece)));
      }
    }
    events.add(new Event(0, json.finishChunk(completion.finishReason())));
    if (includeUsage) {
      events.add(new Event(0, json.usageChunk(completion.usage())));
    }
    events.add(new Event(0, "[DONE]"));
    return events;
  }

  /** Splits text into pieces of three words, each keeping the whitespace before its first word. */
  static List<String> splitWords(String text) {
    return splitWords(text, WORDS_PER_CHUNK);
  }

  /** Splits text into pieces of {@code words} words, each keeping the whitespace before its first. */
  static List<String> splitWords(String text, int words) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    int seen = 0;
    for (int i = 1; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
        if (++seen == words) {
          pieces.add(text.substring(start, i));
          start = i;
          seen = 0;
        }
      }
    }
    if (start < text.length()) {
      pieces.add(text.substring(start));
    }
    return pieces;
  }

  /** Splits text into fixed-size pieces, never between the two halves of a surrogate pair. */
  static List<String> splitChars(String text) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + ARGUMENT_CHARS_PER_CHUNK);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end++;
      }
      pieces.add(text.substring(start, end));
      start = end;
    }
    return pieces;
  }

  /** Holds one SSE event's payload and the pause before it is written. */
  private record Event(long delayMillis, String data) {}
}

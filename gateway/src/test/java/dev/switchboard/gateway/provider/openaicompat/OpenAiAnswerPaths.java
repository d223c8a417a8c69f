package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.StreamTranslation;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.function.Consumer;

/** Opens the adapter's two ways of reading answers to benchmarks in other packages. */
public final class OpenAiAnswerPaths {

  private OpenAiAnswerPaths() {}

  /** Returns the stream translation a chat completions client ({@code relay}) or another gets. */
  public static StreamTranslation translation(Consumer<ObjectNode> sink, boolean relay) {
    return new OpenAiStreamTranslation(sink, new AnswerNormalizer(false), 1 << 20, relay);
  }

  /** Reads a whole answer the tree path's way: parse, measure, normalize. */
  public static ChatCompletion treeCompletion(Buffer body) throws IOException {
    JsonNode json = ChatResponseSummarizer.parseBody(body);
    ChatCompletion completion = new ChatCompletion(
        (ObjectNode) json, ChatResponseSummarizer.summarize(json), CompletionText.of(json));
    new AnswerNormalizer(false).completion((ObjectNode) json);
    return completion;
  }
}

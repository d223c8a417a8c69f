package dev.switchboard.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.ChatRequestParser;
import dev.switchboard.gateway.api.Dialect;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.dialect.AnswerContext;
import dev.switchboard.gateway.dialect.IngressCodec;
import dev.switchboard.gateway.dialect.StreamEncoder;
import dev.switchboard.gateway.provider.ChatCompletion;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/** Speaks OpenAI's chat completions API, the pipeline's own shape: answers go out as they are. */
public final class ChatCodec implements IngressCodec {
  private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
  private static final Buffer DATA = Buffer.buffer("data: ");
  private static final Buffer END_OF_EVENT = Buffer.buffer("\n\n");

  @Override
  public Dialect dialect() {
    return Dialect.CHAT;
  }

  @Override
  public ChatRequest decode(Buffer body, MultiMap headers) {
    return ChatRequestParser.parse(body);
  }

  @Override
  public JsonNode encodeCompletion(ChatCompletion completion, AnswerContext context) {
    return completion.body();
  }

  @Override
  public StreamEncoder streamEncoder(AnswerContext context) {
    return new StreamEncoder() {
      @Override
      public void chunk(ObjectNode chunk, Buffer out) {
        frame(chunk, out);
      }

      @Override
      public void failed(ApiError error, Buffer out) {
        frame(error.toJson(), out);
      }

      @Override
      public void finished(boolean inBandError, Buffer out) {
        if (!inBandError) {
          out.appendBuffer(DONE); // OpenAI clients treat an error event without [DONE] as a failed stream
        }
      }
    };
  }

  private static void frame(ObjectNode event, Buffer out) {
    out.appendBuffer(DATA);
    JsonCodec.writeTo(out, event);
    out.appendBuffer(END_OF_EVENT);
  }

  /** Appends one SSE event whose data {@code json} appends (bytes already JSON). */
  static void frame(Buffer out, Consumer<Buffer> json) {
    out.appendBuffer(DATA);
    json.accept(out);
    out.appendBuffer(END_OF_EVENT);
  }
}

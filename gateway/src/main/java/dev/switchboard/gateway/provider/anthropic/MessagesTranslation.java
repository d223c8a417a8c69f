package dev.switchboard.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.Dialect;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.StreamTranslation;
import dev.switchboard.gateway.provider.UpstreamCall;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.UpstreamFailure;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * Lends the Messages translation to providers whose wire format is close to it (Bedrock's Converse
 * is Messages with other names): the request mapped to a Messages body, a Messages answer mapped
 * to chat, and Messages stream events mapped to chat chunks, all measured as for Anthropic.
 */
public final class MessagesTranslation {

  private MessagesTranslation() {}

  /**
   * Returns the Messages body for {@code call}, without a model: a Messages client's own body
   * (lossless: cache_control, citations, server tools all kept), else the chat request mapped.
   *
   * @throws UpstreamFailure (rejected, 400) for a chat request Messages cannot express
   */
  public static MappedRequest request(UpstreamCall call, boolean stream) {
    if (call.request().origin().is(Dialect.MESSAGES)) {
      ObjectNode body = call.request().origin().body().deepCopy();
      body.remove("model");
      body.put("stream", stream);
      return new MappedRequest(body, false);
    }
    try {
      MappedRequest mapped =
          AnthropicRequestMapper.map(call.request().body(), call.target().upstreamModel(), stream);
      mapped.body().remove("model");
      return mapped;
    } catch (ApiErrorException e) {
      // the client asked for something the model cannot do: a 400 in the client's terms
      ApiError error = e.error();
      throw new UpstreamFailure(
          UpstreamFailure.Kind.REJECTED,
          new UpstreamError(error.status(), error.type(), error.code(), error.message(), null));
    }
  }

  /** Maps a whole Messages {@code message} object to a chat completion, measured. */
  public static ChatCompletion answer(JsonNode message, boolean excludeReasoning, long created) {
    return AnthropicResponseMapper.map(message, excludeReasoning, created);
  }

  /** Returns a translation fed Messages stream events one by one instead of SSE bytes. */
  public static EventTranslation events(Consumer<ObjectNode> sink, boolean excludeReasoning) {
    return new EventTranslation(new AnthropicStreamTranslator(sink, excludeReasoning));
  }

  /**
   * Turns Messages stream events, handed over already parsed, into chat chunks. {@link #feed} is
   * not used: the provider decodes its own framing and calls {@link #accept}.
   */
  public static final class EventTranslation implements StreamTranslation {
    private final AnthropicStreamTranslator translator;

    private EventTranslation(AnthropicStreamTranslator translator) {
      this.translator = translator;
    }

    /** Handles the event {@code type} ({@code message_start}, {@code content_block_delta}...). */
    public void accept(String type, JsonNode data) {
      translator.handle(type, data);
    }

    /** Ends the stream with an error the provider reported in its own framing. */
    public void fail(UpstreamError error) {
      translator.fail(error);
    }

    /** Returns whether {@code message_stop} or an error event was seen. */
    public boolean complete() {
      return translator.complete();
    }

    @Override
    public void feed(Buffer bytes) {
      translator.feed(bytes);
    }

    @Override
    public String end() {
      return translator.complete() ? null : "The provider's stream ended before the message was complete.";
    }

    @Override
    public ResponseSummary summary() {
      return translator.summary();
    }

    @Override
    public String completionText() {
      return translator.completionText();
    }
  }
}

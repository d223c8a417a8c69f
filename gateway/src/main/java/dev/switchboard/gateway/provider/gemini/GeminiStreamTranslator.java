package dev.switchboard.gateway.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.MalformedStreamException;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.StreamTranslation;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.sse.SseDecoder;
import dev.switchboard.telemetry.FinishReason;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Translates a Gemini {@code streamGenerateContent?alt=sse} body (or the JSON array written
 * without {@code alt=sse}), fed as bytes split anywhere,
 * into OpenAI {@code chat.completion.chunk} objects: one chunk per Gemini event as it completes,
 * then, when the body ends (Gemini sends no end marker), one {@code choices: []} chunk carrying
 * the final usage. An error event becomes a chunk with a top-level {@code error}; a finish that
 * normalizes to {@code error} carries one too, so OpenAI clients see a failed stream. Not
 * thread-safe; feed it from one context.
 */
final class GeminiStreamTranslator implements StreamTranslation {

  private final Consumer<ObjectNode> sink;
  private final SseDecoder decoder;
  private final JsonArrayDecoder arrayDecoder;
  private final AnswerAccumulator answer = new AnswerAccumulator();
  private boolean failed;

  /** Creates a translator of an SSE body that hands each chunk to {@code sink}. */
  GeminiStreamTranslator(Consumer<ObjectNode> sink) {
    this(sink, false, SseDecoder.DEFAULT_MAX_EVENT_BYTES);
  }

  /** Creates a translator of an SSE body that fails on an event larger than {@code maxEventBytes}. */
  GeminiStreamTranslator(Consumer<ObjectNode> sink, int maxEventBytes) {
    this(sink, false, maxEventBytes);
  }

  /**
   * Creates a translator that hands each chunk to {@code sink}.
   *
   * @param jsonArray whether the body is the JSON array written without {@code alt=sse}
   * @param maxEventBytes the largest event (SSE event or array element) accepted
   */
  GeminiStreamTranslator(Consumer<ObjectNode> sink, boolean jsonArray, int maxEventBytes) {
    this.sink = sink;
    this.decoder = jsonArray ? null : new SseDecoder(event -> onData(event.data()), maxEventBytes);
    this.arrayDecoder = jsonArray ? new JsonArrayDecoder(this::onData, maxEventBytes) : null;
  }

  /**
   * Consumes the next bytes, emitting a chunk for every event they complete.
   *
   * @throws MalformedStreamException when an event is not a Gemini response or error
   */
  @Override
  public void feed(Buffer bytes) {
    if (decoder != null) {
      decoder.feed(bytes);
    } else {
      arrayDecoder.feed(bytes);
    }
  }

  /**
   * Ends the body: flushes an unterminated last event, then emits the usage chunk. Gemini sends
   * no end marker, so a body that ends is a complete answer.
   */
  @Override
  public String end() {
    if (decoder != null) {
      decoder.end();
    } else {
      arrayDecoder.end();
    }
    if (answer.usage() != null && !failed) {
      ObjectNode chunk = chunk(answer.servedModel());
      chunk.set("usage", OpenAiShapes.usage(answer.usage()));
      sink.accept(chunk);
    }
    return null;
  }

  @Override
  public ResponseSummary summary() {
    return answer.summary();
  }

  @Override
  public String completionText() {
    return answer.completionText();
  }

  private void onData(String data) {
    if (failed || data == null || data.isBlank()) {
      return;
    }
    JsonNode json;
    GeminiResponse response;
    try {
      json = GeminiJson.MAPPER.readTree(data);
      if (json == null || !json.isObject()) {
        throw new MalformedStreamException("Gemini sent a stream event that is not a JSON object.");
      }
      if (json.has("error")) {
        failWith(GeminiErrorMapper.inBand(json));
        return;
      }
      response = GeminiJson.MAPPER.treeToValue(json, GeminiResponse.class);
    } catch (MalformedStreamException e) {
      throw e;
    } catch (Exception e) {
      throw new MalformedStreamException("Gemini sent a stream event that is not a valid response.");
    }
    List<ChoiceDelta> deltas = answer.accept(response);
    if (deltas.isEmpty()) {
      return; // e.g. an event with usage only; usage goes out at the end
    }
    ObjectNode chunk = chunk(response.modelVersion());
    ArrayNode choices = (ArrayNode) chunk.get("choices");
    for (ChoiceDelta delta : deltas) {
      ObjectNode choice = choices.addObject();
      choice.put("index", delta.index());
      choice.set("delta", OpenAiShapes.delta(delta));
      OpenAiShapes.putFinish(choice, delta);
    }
    if (deltas.stream().anyMatch(d -> d.finish() == FinishReason.ERROR)) {
      // e.g. MALFORMED_FUNCTION_CALL: OpenAI has no such finish, so say it as an error event too
      chunk.set("error", OpenAiShapes.error(answer.summary().error()));
    }
    sink.accept(chunk);
  }

  private void failWith(UpstreamError error) {
    failed = true;
    answer.fail(error);
    ObjectNode chunk = chunk(answer.servedModel());
    chunk.set("error", OpenAiShapes.error(error));
    sink.accept(chunk);
  }

  private static ObjectNode chunk(String model) {
    ObjectNode chunk = GeminiJson.MAPPER.createObjectNode();
    chunk.put("object", "chat.completion.chunk");
    if (model != null) {
      chunk.put("model", model);
    }
    chunk.putArray("choices");
    return chunk;
  }

}

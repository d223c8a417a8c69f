package dev.switchboard.gateway.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.dialect.AnswerContext;
import dev.switchboard.gateway.dialect.StreamEncoder;
import dev.switchboard.gateway.provider.NativeEvents;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a streamed answer as the Responses API's event stream: {@code response.created} and
 * {@code response.in_progress}, then one item at a time (reasoning with its summary part, a message
 * with its {@code output_text} part, function calls with their argument deltas), each opened with
 * {@code response.output_item.added} and closed with {@code response.output_item.done}, and
 * {@code response.completed} (or {@code response.incomplete}) with the whole response and its
 * usage; an {@code error} event and {@code response.failed} when the answer fails. Events an OpenAI
 * upstream sent in this dialect are written back verbatim instead. Event reference:
 * https://platform.openai.com/docs/api-reference/responses-streaming.
 */
final class ResponsesStreamEncoder implements StreamEncoder {
  private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

  private enum Item {
    NONE,
    REASONING,
    MESSAGE,
    CALL
  }

  private final AnswerContext context;
  private final String key;
  private final ToolNames tools;
  private ObjectNode response;
  private int sequence;
  private boolean nativeEvents;
  private boolean ended;
  private Item open = Item.NONE;
  private int outputIndex = -1;
  private String itemId;
  private final StringBuilder text = new StringBuilder();
  private boolean summaryOpen;
  private ArrayNode details;
  private int openTool = -1;
  private String callId;
  private String callKey;
  private String callName;
  private boolean customCall;
  private int reasoningItems;
  private int messages;
  private int calls;
  private String finishReason;
  private JsonNode usage;

  ResponsesStreamEncoder(AnswerContext context) {
    this.context = context;
    this.key = ResponseObject.key(context.id());
    this.tools = ToolNames.of(context.request().origin().body());
  }

  @Override
  public void chunk(ObjectNode chunk, Buffer out) {
    if (NativeEvents.carries(chunk)) {
      nativeEvents = true;
      NativeEvents.writeFrame(out, chunk);
      return;
    }
    if (nativeEvents || ended) {
      return; // the upstream's own events already say what this translation would
    }
    start(out);
    if (chunk.path("usage").isObject()) {
      usage = chunk.get("usage");
    }
    JsonNode error = chunk.get("error");
    if (error != null && !error.isNull()) {
      fail(out, error.path("type").asText("server_error"), error.path("code").asText(null),
          error.path("message").asText("The provider failed mid-stream."), 502);
      return;
    }
    for (JsonNode choice : chunk.path("choices")) {
      delta(choice.path("delta"), out);
      if (choice.path("finish_reason").isTextual()) {
        finishReason = choice.get("finish_reason").asText();
      }
    }
  }

  @Override
  public void failed(ApiError error, Buffer out) {
    if (nativeEvents || ended) {
      return;
    }
    start(out);
    fail(out, error.type(), error.code(), error.message(), error.status());
  }

  @Override
  public void finished(boolean inBandError, Buffer out) {
    if (nativeEvents || ended) {
      return;
    }
    start(out);
    if (inBandError) {
      fail(out, "server_error", finishReason, "The provider ended the answer with an error.", 502);
      return;
    }
    close(out);
    ResponseObject.finish(response, finishReason, usage, context.created());
    String type = "incomplete".equals(response.path("status").asText()) ? "response.incomplete" : "response.completed";
    event(out, JsonCodec.object().put("type", type).set("response", response));
    ended = true;
  }

  private void delta(JsonNode delta, Buffer out) {
    String reasoning = delta.path("reasoning").asText("");
    if (!reasoning.isEmpty()) {
      openReasoning(out);
      if (!summaryOpen) {
        summaryOpen = true;
        event(out, itemEvent("response.reasoning_summary_part.added").put("summary_index", 0)
            .set("part", OutputItems.summaryPart("")));
      }
      text.append(reasoning);
      event(out, itemEvent("response.reasoning_summary_text.delta").put("summary_index", 0).put("delta", reasoning));
    }
    for (JsonNode detail : delta.path("reasoning_details")) {
      openReasoning(out);
      ReasoningCarrier.merge(details, detail);
    }
    String content = delta.path("content").asText("");
    if (!content.isEmpty()) {
      openMessage(out);
      text.append(content);
      ObjectNode event = itemEvent("response.output_text.delta").put("content_index", 0).put("delta", content);
      event.putArray("logprobs");
      event(out, event);
    }
    for (JsonNode call : delta.path("tool_calls")) {
      int index = call.path("index").asInt(0);
      if (open != Item.CALL || openTool != index) {
        openCall(out, index, call);
      }
      String arguments = call.path("function").path("arguments").asText("");
      if (!arguments.isEmpty()) {
        text.append(arguments);
        if (!customCall) {
          // a custom tool's raw input is known only once its JSON stand-in is complete
          event(out, itemEvent("response.function_call_arguments.delta").put("delta", arguments));
        }
      }
    }
  }

  private void openReasoning(Buffer out) {
    if (open == Item.REASONING) {
      return;
    }
    openItem(out, Item.REASONING, "rs_" + key + (reasoningItems == 0 ? "" : "_" + reasoningItems));
    reasoningItems++;
    details = JsonCodec.mapper().createArrayNode();
    added(out, OutputItems.reasoning(itemId, "", null));
  }

  private void openMessage(Buffer out) {
    if (open == Item.MESSAGE) {
      return;
    }
    // a second text run (after a tool call) is a second message item
    openItem(out, Item.MESSAGE, "msg_" + key + (messages == 0 ? "" : "_" + messages));
    messages++;
    added(out, OutputItems.message(itemId, null, "in_progress"));
    event(out, itemEvent("response.content_part.added").put("content_index", 0).set("part", OutputItems.textPart("")));
  }

  private void openCall(Buffer out, int index, JsonNode call) {
    String signature = call.path("extra_content").path("google").path("thought_signature").asText("");
    if (!signature.isEmpty()) {
      // Gemini's thought signature comes back in the reasoning item before the call
      openReasoning(out);
      ArrayNode calls = JsonCodec.mapper().createArrayNode().add(call);
      details.addAll(ReasoningCarrier.geminiSignatures(calls));
    }
    String id = call.path("id").asText("");
    String name = call.path("function").path("name").asText("");
    String itemKey = key + "_" + calls;
    String newCallId = id.isEmpty() ? "call_" + itemKey : id;
    ObjectNode item = OutputItems.call(tools, itemKey, newCallId, name, "", "in_progress");
    openItem(out, Item.CALL, item.get("id").asText()); // closes the previous call with its fields
    openTool = index;
    callId = newCallId;
    callKey = itemKey;
    callName = name;
    customCall = tools.isCustom(name);
    calls++;
    added(out, item);
  }

  private void openItem(Buffer out, Item kind, String id) {
    close(out);
    open = kind;
    outputIndex++;
    itemId = id;
    text.setLength(0);
  }

  private void added(Buffer out, ObjectNode item) {
    event(out, JsonCodec.object().put("type", "response.output_item.added").put("output_index", outputIndex)
        .set("item", item));
  }

  /** Closes the open item with its done events and adds it to the response's output. */
  private void close(Buffer out) {
    if (open == Item.NONE) {
      return;
    }
    String done = text.toString();
    ObjectNode item;
    switch (open) {
      case REASONING -> {
        if (summaryOpen) {
          event(out, itemEvent("response.reasoning_summary_text.done").put("summary_index", 0).put("text", done));
          event(out, itemEvent("response.reasoning_summary_part.done").put("summary_index", 0)
              .set("part", OutputItems.summaryPart(done)));
        }
        item = OutputItems.reasoning(itemId, done, ReasoningCarrier.wrap(details, JsonCodec.mapper().createArrayNode()));
      }
      case MESSAGE -> {
        ObjectNode textDone = itemEvent("response.output_text.done").put("content_index", 0).put("text", done);
        textDone.putArray("logprobs");
        event(out, textDone);
        event(out, itemEvent("response.content_part.done").put("content_index", 0).set("part", OutputItems.textPart(done)));
        item = OutputItems.message(itemId, done, "completed");
      }
      case CALL -> {
        item = OutputItems.call(tools, callKey, callId, callName, done, "completed");
        if (customCall) {
          String input = item.get("input").asText();
          event(out, itemEvent("response.custom_tool_call_input.delta").put("delta", input));
          event(out, itemEvent("response.custom_tool_call_input.done").put("input", input));
        } else {
          event(out, itemEvent("response.function_call_arguments.done")
              .put("name", tools.name(callName)).put("arguments", done));
        }
      }
      default -> throw new IllegalStateException(open.name());
    }
    event(out, JsonCodec.object().put("type", "response.output_item.done").put("output_index", outputIndex)
        .set("item", item));
    ((ArrayNode) response.get("output")).add(item);
    open = Item.NONE;
    summaryOpen = false;
    openTool = -1;
  }

  private void fail(Buffer out, String type, String code, String message, int status) {
    close(out);
    ObjectNode error = JsonCodec.object().put("type", "error");
    error.put("code", code == null ? type : code).put("message", message).putNull("param");
    event(out, error);
    ResponseObject.fail(response, new ApiError(status, type, code, null, message), usage);
    event(out, JsonCodec.object().put("type", "response.failed").set("response", response));
    ended = true;
  }

  private void start(Buffer out) {
    if (response != null) {
      return;
    }
    response = ResponseObject.shell(context, "in_progress");
    event(out, JsonCodec.object().put("type", "response.created").set("response", response));
    event(out, JsonCodec.object().put("type", "response.in_progress").set("response", response));
  }

  private ObjectNode itemEvent(String type) {
    return JsonCodec.object().put("type", type).put("item_id", itemId).put("output_index", outputIndex);
  }

  private void event(Buffer out, ObjectNode event) {
    event.put("sequence_number", sequence++);
    out.appendBytes(EVENT).appendString(event.path("type").asText()).appendBytes(DATA);
    JsonCodec.writeTo(out, event);
    out.appendBytes(END);
  }
}

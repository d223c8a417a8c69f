package dev.switchboard.gateway.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.demo.SimulatedCompletion.ToolCall;
import dev.switchboard.gateway.demo.SimulatedCompletion.Usage;
import java.util.List;

/**
 * Writes the OpenAI Chat Completions bodies of one response: the full completion, or its stream
 * chunks, all sharing one id, creation time and model.
 */
final class ChatCompletionJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final String SYSTEM_FINGERPRINT = "fp_demo";

  private final String id;
  private final long created;
  private final String model;
  private final boolean includeUsage;

  /** Creates the writer; {@code includeUsage} adds {@code "usage": null} to every chunk. */
  ChatCompletionJson(String id, long created, String model, boolean includeUsage) {
    this.id = id;
    this.created = created;
    this.model = model;
    this.includeUsage = includeUsage;
  }

  /** Writes a non-streamed {@code chat.completion}. */
  String completion(SimulatedCompletion completion) {
    ObjectNode root = envelope("chat.completion");
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    message.put("content", completion.content()).putNull("refusal");
    if (!completion.toolCalls().isEmpty()) {
      ArrayNode calls = message.putArray("tool_calls");
      for (ToolCall call : completion.toolCalls()) {
        ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
        c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
      }
    }
    message.putArray("annotations");
    choice.putNull("logprobs").put("finish_reason", completion.finishReason());
    root.set("usage", usage(completion.usage()));
    return root.toString();
  }

  /** Writes the first chunk, which only announces the assistant role. */
  String roleChunk() {
    ObjectNode chunk = chunk();
    delta(chunk).put("role", "assistant").put("content", "").putNull("refusal");
    return chunk.toString();
  }

  /** Writes a chunk carrying one fragment of answer text. */
  String contentChunk(String text) {
    ObjectNode chunk = chunk();
    delta(chunk).put("content", text);
    return chunk.toString();
  }

  /** Writes the chunk that opens tool call {@code index}: id, type, name and empty arguments. */
  String toolCallStartChunk(int index, ToolCall call) {
    ObjectNode chunk = chunk();
    ObjectNode c = delta(chunk).putArray("tool_calls").addObject().put("index", index);
    c.put("id", call.id()).put("type", "function");
    c.putObject("function").put("name", call.name()).put("arguments", "");
    return chunk.toString();
  }

  /** Writes a chunk carrying one fragment of tool call {@code index}'s arguments. */
  String toolCallArgumentsChunk(int index, String fragment) {
    ObjectNode chunk = chunk();
    ObjectNode c = delta(chunk).putArray("tool_calls").addObject().put("index", index);
    c.putObject("function").put("arguments", fragment);
    return chunk.toString();
  }

  /** Writes the chunk with an empty delta and the finish reason. */
  String finishChunk(String finishReason) {
    ObjectNode chunk = chunk();
    delta(chunk);
    choice(chunk).put("finish_reason", finishReason);
    return chunk.toString();
  }

  /** Writes the chunk a provider sends when it fails after the answer started. */
  String midStreamErrorChunk() {
    ObjectNode chunk = chunk();
    delta(chunk).put("content", "");
    choice(chunk).put("finish_reason", "error");
    chunk.putObject("error")
        .put("message", "The simulated provider failed while generating the answer.")
        .put("type", "server_error")
        .put("code", "server_error");
    return chunk.toString();
  }

  /** Writes the trailing {@code choices: []} chunk that carries usage. */
  String usageChunk(Usage usage) {
    ObjectNode chunk = envelope("chat.completion.chunk");
    chunk.putArray("choices");
    chunk.set("usage", usage(usage));
    return chunk.toString();
  }

  /** Writes an OpenAI error envelope. */
  static String error(DemoApiException e) {
    ObjectNode root = MAPPER.createObjectNode();
    root.putObject("error")
        .put("message", e.getMessage())
        .put("type", e.type())
        .put("param", e.param())
        .put("code", e.code());
    return root.toString();
  }

  /** Writes the {@code GET /v1/models} list. */
  static String modelList(List<DemoModelProfile> profiles, long created) {
    ObjectNode root = MAPPER.createObjectNode().put("object", "list");
    ArrayNode data = root.putArray("data");
    for (DemoModelProfile p : profiles) {
      data.addObject()
          .put("id", p.model())
          .put("object", "model")
          .put("created", created)
          .put("owned_by", "switchboard-demo");
    }
    return root.toString();
  }

  private ObjectNode envelope(String object) {
    return MAPPER
        .createObjectNode()
        .put("id", id)
        .put("object", object)
        .put("created", created)
        .put("model", model)
        .put("service_tier", "default")
        .put("system_fingerprint", SYSTEM_FINGERPRINT);
  }

  private ObjectNode chunk() {
    ObjectNode chunk = envelope("chat.completion.chunk");
    chunk
        .putArray("choices")
        .addObject()
        .put("index", 0)
        .putNull("delta")
        .putNull("logprobs")
        .putNull("finish_reason");
    if (includeUsage) {
      chunk.putNull("usage");
    }
    return chunk;
  }

  private static ObjectNode choice(ObjectNode chunk) {
    return (ObjectNode) chunk.get("choices").get(0);
  }

  private static ObjectNode delta(ObjectNode chunk) {
    return choice(chunk).putObject("delta");
  }

  private static ObjectNode usage(Usage usage) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("prompt_tokens", usage.promptTokens())
        .put("completion_tokens", usage.completionTokens())
        .put("total_tokens", usage.totalTokens());
    node.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
    node.putObject("completion_tokens_details")
        .put("reasoning_tokens", usage.reasoningTokens())
        .put("audio_tokens", 0)
        .put("accepted_prediction_tokens", 0)
        .put("rejected_prediction_tokens", 0);
    return node;
  }
}

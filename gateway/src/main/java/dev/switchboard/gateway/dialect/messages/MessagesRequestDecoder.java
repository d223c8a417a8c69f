package dev.switchboard.gateway.dialect.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.JsonCodec;

/**
 * Decodes an Anthropic Messages request body into the chat shape the pipeline routes: system
 * blocks become a system message, {@code tool_result} blocks tool messages, {@code tool_use}
 * blocks tool calls, thinking blocks (with their signatures) OpenRouter-style {@code
 * reasoning_details}, images and PDFs data-URL parts; {@code cache_control} stays on the parts
 * that carry it. Field reference: https://docs.claude.com/en/api/messages.
 */
final class MessagesRequestDecoder {
  /** The {@code format} the Anthropic adapter reads thinking signatures back from. */
  static final String CLAUDE_FORMAT = "anthropic-claude-v1";

  private MessagesRequestDecoder() {}

  /**
   * Returns the chat body for {@code request}.
   *
   * @throws ApiErrorException (400) naming the first invalid field
   */
  static ObjectNode decode(ObjectNode request) {
    ObjectNode chat = JsonCodec.object();
    JsonNode model = request.get("model");
    if (model == null || model.isNull()) {
      throw invalid("model: Field required");
    }
    if (!model.isTextual() || model.asText().isBlank()) {
      throw invalid("model: Input should be a valid string");
    }
    chat.set("model", model);
    JsonNode maxTokens = request.get("max_tokens");
    if (maxTokens == null || maxTokens.isNull()) {
      throw invalid("max_tokens: Field required");
    }
    if (!maxTokens.canConvertToLong() || maxTokens.asLong() < 1) {
      throw invalid("max_tokens: Input should be a positive integer");
    }
    chat.put("max_tokens", maxTokens.asLong());
    JsonNode stream = request.path("stream");
    if (!stream.isMissingNode() && !stream.isNull() && !stream.isBoolean()) {
      throw invalid("stream: Input should be a valid boolean");
    }
    chat.put("stream", stream.asBoolean(false));
    ArrayNode messages = chat.putArray("messages");
    system(request.get("system"), messages);
    JsonNode input = request.get("messages");
    if (input == null || !input.isArray()) {
      throw invalid("messages: Field required (an array of messages)");
    }
    if (input.isEmpty()) {
      throw invalid("messages: at least one message is required");
    }
    for (int i = 0; i < input.size(); i++) {
      message(input.get(i), "messages." + i, messages);
    }
    copyIfPresent(request, "temperature", chat, "temperature");
    copyIfPresent(request, "top_p", chat, "top_p");
    copyIfPresent(request, "top_k", chat, "top_k");
    JsonNode stop = request.get("stop_sequences");
    if (stop != null && stop.isArray() && !stop.isEmpty()) {
      chat.set("stop", stop);
    }
    tools(request, chat);
    thinking(request.get("thinking"), chat);
    JsonNode user = request.path("metadata").path("user_id");
    if (user.isTextual() && !user.asText().isEmpty()) {
      chat.put("user", user.asText());
    }
    return chat;
  }

  private static void system(JsonNode system, ArrayNode messages) {
    if (system == null || system.isNull()) {
      return;
    }
    if (system.isTextual()) {
      if (!system.asText().isEmpty()) {
        messages.addObject().put("role", "system").put("content", system.asText());
      }
      return;
    }
    if (!system.isArray()) {
      throw invalid("system: Input should be a string or an array of text blocks");
    }
    ArrayNode parts = JsonCodec.mapper().createArrayNode();
    for (JsonNode block : system) {
      if ("text".equals(block.path("type").asText()) && !block.path("text").asText("").isEmpty()) {
        parts.add(textPart(block));
      }
    }
    if (!parts.isEmpty()) {
      messages.addObject().put("role", "system").set("content", parts);
    }
  }

  private static void message(JsonNode message, String path, ArrayNode out) {
    if (!message.isObject()) {
      throw invalid(path + ": Input should be an object");
    }
    String role = message.path("role").asText("");
    JsonNode content = message.get("content");
    if (!"user".equals(role) && !"assistant".equals(role)) {
      throw invalid(path + ".role: Input should be 'user' or 'assistant'");
    }
    if (content == null || content.isNull()) {
      throw invalid(path + ".content: Field required");
    }
    if (content.isTextual()) {
      out.addObject().put("role", role).put("content", content.asText());
      return;
    }
    if (!content.isArray()) {
      throw invalid(path + ".content: Input should be a string or an array of content blocks");
    }
    if ("assistant".equals(role)) {
      assistant(content, path, out);
    } else {
      user(content, path, out);
    }
  }

  /** Tool results first, as tool messages in order; the other blocks as one user message. */
  private static void user(JsonNode blocks, String path, ArrayNode out) {
    ArrayNode parts = JsonCodec.mapper().createArrayNode();
    for (int i = 0; i < blocks.size(); i++) {
      JsonNode block = blocks.get(i);
      String type = block.path("type").asText("");
      switch (type) {
        case "tool_result" -> out.add(toolResult(block, path + ".content." + i));
        case "text" -> parts.add(textPart(block));
        case "image" -> parts.add(image(block, path + ".content." + i));
        case "document" -> parts.add(document(block, path + ".content." + i));
        default -> {
          // search results, container uploads and other server-side blocks have no chat form
        }
      }
    }
    if (!parts.isEmpty()) {
      out.addObject().put("role", "user").set("content", parts);
    }
  }

  private static ObjectNode toolResult(JsonNode block, String path) {
    JsonNode id = block.get("tool_use_id");
    if (id == null || !id.isTextual()) {
      throw invalid(path + ".tool_use_id: Field required");
    }
    ObjectNode message = JsonCodec.object().put("role", "tool").put("tool_call_id", id.asText());
    JsonNode content = block.get("content");
    String prefix = block.path("is_error").asBoolean(false) ? "Error: " : "";
    if (content == null || content.isNull()) {
      message.put("content", prefix);
    } else if (content.isTextual()) {
      message.put("content", prefix + content.asText());
    } else if (!content.isArray()) {
      // found by MessagesRequestFuzzTest: an object here was read by index and failed with a 500
      throw invalid(path + ".content: Input should be a valid string or a list of content blocks");
    } else {
      ArrayNode parts = JsonCodec.mapper().createArrayNode();
      if (!prefix.isEmpty()) {
        parts.addObject().put("type", "text").put("text", prefix.trim());
      }
      for (int i = 0; i < content.size(); i++) {
        JsonNode part = content.get(i);
        switch (part.path("type").asText("")) {
          case "text" -> parts.add(textPart(part));
          case "image" -> parts.add(image(part, path + ".content." + i));
          default -> {
            // other result blocks (search results, documents) are not expressible as chat parts
          }
        }
      }
      message.set("content", parts);
    }
    return message;
  }

  private static void assistant(JsonNode blocks, String path, ArrayNode out) {
    StringBuilder text = new StringBuilder();
    ArrayNode toolCalls = JsonCodec.mapper().createArrayNode();
    ArrayNode details = JsonCodec.mapper().createArrayNode();
    StringBuilder reasoning = new StringBuilder();
    for (int i = 0; i < blocks.size(); i++) {
      JsonNode block = blocks.get(i);
      switch (block.path("type").asText("")) {
        case "text" -> text.append(block.path("text").asText(""));
        case "tool_use" -> {
          JsonNode input = block.path("input");
          ObjectNode call = toolCalls.addObject();
          call.put("id", block.path("id").asText(""));
          call.put("type", "function");
          call.putObject("function")
              .put("name", block.path("name").asText(""))
              .put("arguments", JsonCodec.write(input.isObject() ? input : JsonCodec.object()).toString());
        }
        case "thinking" -> {
          String thinking = block.path("thinking").asText("");
          reasoning.append(thinking);
          ObjectNode detail = details.addObject();
          detail.put("type", "reasoning.text").put("text", thinking);
          if (block.path("signature").isTextual()) {
            detail.put("signature", block.get("signature").asText());
          }
          detail.put("format", CLAUDE_FORMAT).put("index", details.size() - 1);
        }
        case "redacted_thinking" ->
            details.addObject()
                .put("type", "reasoning.encrypted")
                .put("data", block.path("data").asText(""))
                .put("format", CLAUDE_FORMAT)
                .put("index", details.size());
        default -> {
          // server tool uses and their results are only meaningful to Anthropic itself
        }
      }
    }
    ObjectNode message = out.addObject().put("role", "assistant");
    if (text.length() > 0 || toolCalls.isEmpty()) {
      message.put("content", text.toString());
    } else {
      message.putNull("content");
    }
    if (!toolCalls.isEmpty()) {
      message.set("tool_calls", toolCalls);
    }
    if (!details.isEmpty()) {
      message.put("reasoning", reasoning.toString());
      message.set("reasoning_details", details);
    }
  }

  private static ObjectNode textPart(JsonNode block) {
    ObjectNode part = JsonCodec.object().put("type", "text").put("text", block.path("text").asText(""));
    if (block.path("cache_control").isObject()) {
      part.set("cache_control", block.get("cache_control"));
    }
    return part;
  }

  private static ObjectNode image(JsonNode block, String path) {
    JsonNode source = block.path("source");
    String url =
        switch (source.path("type").asText("")) {
          case "base64" ->
              "data:" + source.path("media_type").asText("image/png") + ";base64," + source.path("data").asText("");
          case "url" -> source.path("url").asText("");
          default -> throw invalid(path + ".source: Input should be a base64 or url image source");
        };
    ObjectNode part = JsonCodec.object().put("type", "image_url");
    part.putObject("image_url").put("url", url);
    if (block.path("cache_control").isObject()) {
      part.set("cache_control", block.get("cache_control"));
    }
    return part;
  }

  private static ObjectNode document(JsonNode block, String path) {
    JsonNode source = block.path("source");
    String type = source.path("type").asText("");
    if ("text".equals(type)) {
      return JsonCodec.object().put("type", "text").put("text", source.path("data").asText(""));
    }
    if (!"base64".equals(type)) {
      throw invalid(path + ".source: only base64 and text documents can be sent to this model");
    }
    ObjectNode part = JsonCodec.object().put("type", "file");
    part.putObject("file")
        .put("filename", block.path("title").asText("document.pdf"))
        .put("file_data",
            "data:" + source.path("media_type").asText("application/pdf") + ";base64," + source.path("data").asText(""));
    return part;
  }

  private static void tools(JsonNode request, ObjectNode chat) {
    JsonNode tools = request.get("tools");
    if (tools != null && tools.isArray()) {
      ArrayNode functions = JsonCodec.mapper().createArrayNode();
      for (JsonNode tool : tools) {
        String type = tool.path("type").asText("custom");
        if (!"custom".equals(type) || !tool.path("name").isTextual()) {
          continue; // server tools (web search, code execution...) run only on Anthropic's side
        }
        ObjectNode function = functions.addObject().put("type", "function").putObject("function");
        function.put("name", tool.get("name").asText());
        if (tool.path("description").isTextual()) {
          function.put("description", tool.get("description").asText());
        }
        function.set(
            "parameters",
            tool.path("input_schema").isObject() ? tool.get("input_schema") : JsonCodec.object().put("type", "object"));
        if (tool.path("cache_control").isObject()) {
          ((ObjectNode) functions.get(functions.size() - 1)).set("cache_control", tool.get("cache_control"));
        }
      }
      if (!functions.isEmpty()) {
        chat.set("tools", functions);
      }
    }
    JsonNode choice = request.get("tool_choice");
    if (choice == null || !choice.isObject()) {
      return;
    }
    switch (choice.path("type").asText("")) {
      case "auto" -> chat.put("tool_choice", "auto");
      case "any" -> chat.put("tool_choice", "required");
      case "none" -> chat.put("tool_choice", "none");
      case "tool" ->
          chat.putObject("tool_choice")
              .put("type", "function")
              .putObject("function")
              .put("name", choice.path("name").asText(""));
      default -> throw invalid("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
    }
    if (choice.path("disable_parallel_tool_use").asBoolean(false) && chat.has("tools")) {
      chat.put("parallel_tool_calls", false);
    }
  }

  private static void thinking(JsonNode thinking, ObjectNode chat) {
    if (thinking == null || !thinking.isObject()) {
      return;
    }
    switch (thinking.path("type").asText("")) {
      case "enabled" -> {
        JsonNode budget = thinking.get("budget_tokens");
        if (budget == null || !budget.canConvertToLong() || budget.asLong() < 1) {
          throw invalid("thinking.budget_tokens: Field required (a positive integer)");
        }
        chat.putObject("reasoning").put("max_tokens", budget.asLong());
      }
      case "adaptive" -> chat.putObject("reasoning").put("effort", "medium");
      case "disabled" -> {
        // nothing to ask for
      }
      default -> throw invalid("thinking.type: Input should be 'enabled', 'adaptive' or 'disabled'");
    }
  }

  private static void copyIfPresent(JsonNode from, String field, ObjectNode to, String as) {
    JsonNode value = from.get(field);
    if (value != null && !value.isNull()) {
      to.set(as, value);
    }
  }

  static ApiErrorException invalid(String message) {
    return new ApiErrorException(ApiError.badRequest("invalid_request_error", null, message));
  }
}

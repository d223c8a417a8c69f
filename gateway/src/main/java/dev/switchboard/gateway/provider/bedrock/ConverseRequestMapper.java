package dev.switchboard.gateway.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.UpstreamFailure;
import dev.switchboard.gateway.provider.UpstreamFailures;
import java.util.Locale;

/**
 * Rewrites a Messages request body as a Converse request body
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html): content
 * blocks get Converse's names ({@code toolUse}, {@code toolResult}, {@code reasoningContent}),
 * {@code cache_control} marks become {@code cachePoint} blocks after the marked block, sampling
 * goes to {@code inferenceConfig}, and what only Claude understands ({@code thinking}, {@code
 * top_k}) to {@code additionalModelRequestFields}.
 */
final class ConverseRequestMapper {

  private ConverseRequestMapper() {}

  /**
   * Returns the Converse body for the Messages body {@code messages}.
   *
   * @param claude whether the model is Anthropic's, which accepts Claude's own fields
   * @throws UpstreamFailure (rejected) for content Converse cannot carry (images by URL)
   */
  static ObjectNode map(JsonNode messages, boolean claude) {
    ObjectNode body = JsonCodec.object();
    ArrayNode system = systemBlocks(messages.get("system"));
    if (!system.isEmpty()) {
      body.set("system", system);
    }
    ArrayNode out = body.putArray("messages");
    for (JsonNode message : messages.path("messages")) {
      ObjectNode converted = out.addObject();
      converted.put("role", message.path("role").asText("user"));
      converted.set("content", contentBlocks(message.get("content")));
    }
    ObjectNode inference = JsonCodec.object();
    copy(messages, "max_tokens", inference, "maxTokens");
    copy(messages, "temperature", inference, "temperature");
    copy(messages, "top_p", inference, "topP");
    copy(messages, "stop_sequences", inference, "stopSequences");
    if (!inference.isEmpty()) {
      body.set("inferenceConfig", inference);
    }
    ObjectNode tools = toolConfig(messages);
    if (tools != null) {
      body.set("toolConfig", tools);
    }
    if (claude) {
      ObjectNode extra = JsonCodec.object();
      copy(messages, "thinking", extra, "thinking");
      copy(messages, "top_k", extra, "top_k");
      if (!extra.isEmpty()) {
        body.set("additionalModelRequestFields", extra);
      }
    }
    return body;
  }

  private static ArrayNode systemBlocks(JsonNode system) {
    ArrayNode blocks = JsonCodec.mapper().createArrayNode();
    if (system == null || system.isNull()) {
      return blocks;
    }
    if (system.isTextual()) {
      blocks.addObject().put("text", system.asText());
      return blocks;
    }
    for (JsonNode block : system) {
      if ("text".equals(block.path("type").asText())) {
        blocks.addObject().put("text", block.path("text").asText());
        cachePoint(block, blocks);
      }
    }
    return blocks;
  }

  private static ArrayNode contentBlocks(JsonNode content) {
    ArrayNode blocks = JsonCodec.mapper().createArrayNode();
    if (content == null || content.isNull()) {
      return blocks;
    }
    if (content.isTextual()) {
      blocks.addObject().put("text", content.asText());
      return blocks;
    }
    for (JsonNode block : content) {
      ObjectNode converted = block(block);
      if (converted != null) {
        blocks.add(converted);
        cachePoint(block, blocks);
      }
    }
    return blocks;
  }

  /** Returns the Converse form of one Messages block, or null for one Converse has no use for. */
  private static ObjectNode block(JsonNode block) {
    ObjectNode out = JsonCodec.object();
    switch (block.path("type").asText()) {
      case "text" -> out.put("text", block.path("text").asText());
      case "image" -> out.set("image", media(block, "image"));
      case "document" -> {
        ObjectNode document = media(block, "document");
        document.put("name", block.path("title").asText("document"));
        out.set("document", document);
      }
      case "tool_use" ->
          out.putObject("toolUse")
              .put("toolUseId", block.path("id").asText())
              .put("name", block.path("name").asText())
              .set("input", block.has("input") ? block.get("input") : JsonCodec.object());
      case "tool_result" -> {
        ObjectNode result = out.putObject("toolResult");
        result.put("toolUseId", block.path("tool_use_id").asText());
        ArrayNode parts = contentBlocks(block.get("content"));
        if (parts.isEmpty()) {
          parts.addObject().put("text", "");
        }
        result.set("content", parts);
        result.put("status", block.path("is_error").asBoolean(false) ? "error" : "success");
      }
      case "thinking" -> {
        ObjectNode text =
            out.putObject("reasoningContent")
                .putObject("reasoningText")
                .put("text", block.path("thinking").asText());
        if (block.hasNonNull("signature")) {
          text.put("signature", block.get("signature").asText());
        }
      }
      case "redacted_thinking" ->
          out.putObject("reasoningContent").put("redactedContent", block.path("data").asText());
      default -> {
        return null; // server tools and their results live on Anthropic's side only
      }
    }
    return out;
  }

  /** Maps a base64 image or PDF source; Converse reads no URLs (only S3 locations). */
  private static ObjectNode media(JsonNode block, String what) {
    JsonNode source = block.path("source");
    if (!"base64".equals(source.path("type").asText())) {
      throw UpstreamFailures.rejected(
          "unsupported_content",
          "Bedrock's Converse API takes " + what + "s as base64 data, not by URL.");
    }
    String mediaType = source.path("media_type").asText();
    String format = mediaType.substring(mediaType.indexOf('/') + 1).toLowerCase(Locale.ROOT);
    ObjectNode out = JsonCodec.object();
    out.put("format", format);
    out.putObject("source").put("bytes", source.path("data").asText());
    return out;
  }

  private static ObjectNode toolConfig(JsonNode messages) {
    JsonNode tools = messages.get("tools");
    if (tools == null || !tools.isArray() || tools.isEmpty()) {
      return null;
    }
    ObjectNode config = JsonCodec.object();
    ArrayNode specs = config.putArray("tools");
    for (JsonNode tool : tools) {
      if (!tool.has("input_schema")) {
        continue; // Anthropic's server tools (web search...) do not exist on Converse
      }
      ObjectNode spec = specs.addObject().putObject("toolSpec");
      spec.put("name", tool.path("name").asText());
      if (tool.hasNonNull("description")) {
        spec.put("description", tool.get("description").asText());
      }
      spec.putObject("inputSchema").set("json", tool.get("input_schema"));
      cachePoint(tool, specs);
    }
    if (specs.isEmpty()) {
      return null;
    }
    JsonNode choice = messages.path("tool_choice");
    switch (choice.path("type").asText("auto")) {
      case "any" -> config.putObject("toolChoice").putObject("any");
      case "tool" ->
          config.putObject("toolChoice").putObject("tool").put("name", choice.path("name").asText());
      case "none" -> {
        // Converse has no "none": keep the tools (earlier turns may use them), choose nothing
      }
      default -> config.putObject("toolChoice").putObject("auto");
    }
    return config;
  }

  /** Appends a cache point after a block Anthropic marked with {@code cache_control}. */
  private static void cachePoint(JsonNode block, ArrayNode into) {
    if (block.hasNonNull("cache_control")) {
      into.addObject().putObject("cachePoint").put("type", "default");
    }
  }

  private static void copy(JsonNode from, String field, ObjectNode to, String as) {
    JsonNode value = from.get(field);
    if (value != null && !value.isNull()) {
      to.set(as, value);
    }
  }
}

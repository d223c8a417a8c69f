package dev.switchboard.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps OpenAI message content (a string or {@code text}, {@code image_url} and {@code file} parts)
 * to Anthropic content blocks. {@code data:} URLs become base64 sources, http(s) image URLs url
 * sources; a part's {@code cache_control} (as OpenRouter accepts it) is kept.
 */
final class ContentPartMapper {

  /** Matches the header of a base64 data URL (RFC 2397), parameters such as charset allowed. */
  private static final Pattern DATA_URL =
      Pattern.compile(
          "data:([\\w.+-]+/[\\w.+-]+)((?:;[\\w.+-]+=[^;,]*)*);base64,", Pattern.CASE_INSENSITIVE);

  private ContentPartMapper() {}

  /**
   * Returns the blocks for {@code content}; empty text is dropped (Anthropic refuses empty text
   * blocks).
   *
   * @throws ApiErrorException (400) for parts Anthropic cannot take
   */
  static List<ObjectNode> blocks(JsonNode content, String param) {
    List<ObjectNode> blocks = new ArrayList<>();
    if (content == null || content.isNull() || content.isMissingNode()) {
      return blocks;
    }
    if (content.isTextual()) {
      if (!content.asText().isEmpty()) {
        blocks.add(text(content.asText(), null));
      }
      return blocks;
    }
    if (!content.isArray()) {
      throw invalid(
          param, "Invalid type for '" + param + "': expected a string or an array of parts.");
    }
    for (int i = 0; i < content.size(); i++) {
      ObjectNode block = part(content.get(i), param + "[" + i + "]");
      if (block != null) {
        blocks.add(block);
      }
    }
    return blocks;
  }

  /** Returns a text block, with {@code cacheControl} when it is an object. */
  static ObjectNode text(String text, JsonNode cacheControl) {
    ObjectNode block = JsonCodec.object().put("type", "text").put("text", text);
    if (cacheControl != null && cacheControl.isObject()) {
      block.set("cache_control", cacheControl);
    }
    return block;
  }

  private static ObjectNode part(JsonNode part, String param) {
    String type = part.path("type").asText("");
    ObjectNode block =
        switch (type) {
          case "text", "refusal" -> {
            String text = part.path(type).asText("");
            yield text.isEmpty() ? null : text(text, null);
          }
          case "image_url" -> image(part.get("image_url"), param);
          case "file" -> file(part.path("file"), param);
          default ->
              throw invalid(
                  param + ".type",
                  "Content parts of type '" + type + "' are not supported for Anthropic models.");
        };
    if (block != null && part.path("cache_control").isObject()) {
      block.set("cache_control", part.get("cache_control"));
    }
    return block;
  }

  private static ObjectNode image(JsonNode imageUrl, String param) {
    String url =
        imageUrl == null
            ? ""
            : imageUrl.isTextual() ? imageUrl.asText() : imageUrl.path("url").asText("");
    ObjectNode block = JsonCodec.object().put("type", "image");
    Matcher data = DATA_URL.matcher(url);
    if (data.lookingAt()) {
      block
          .putObject("source")
          .put("type", "base64")
          .put("media_type", data.group(1).toLowerCase(Locale.ROOT))
          .put("data", url.substring(data.end()));
    } else if (url.startsWith("https://") || url.startsWith("http://")) {
      block.putObject("source").put("type", "url").put("url", url);
    } else {
      throw invalid(
          param + ".image_url.url",
          "Invalid image URL in '" + param + "': expected an http(s) URL or a base64 data URL.");
    }
    return block;
  }

  private static ObjectNode file(JsonNode file, String param) {
    Matcher data = DATA_URL.matcher(file.path("file_data").asText(""));
    if (!data.lookingAt()) {
      throw invalid(
          param + ".file",
          "Files must be sent inline as a base64 data URL in 'file_data' for Anthropic models.");
    }
    String mediaType = data.group(1).toLowerCase(Locale.ROOT);
    String base64 = file.get("file_data").asText().substring(data.end());
    ObjectNode block = JsonCodec.object().put("type", "document");
    if (mediaType.equals("application/pdf")) {
      block
          .putObject("source")
          .put("type", "base64")
          .put("media_type", mediaType)
          .put("data", base64);
    } else if (mediaType.equals("text/plain")) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw invalid(param + ".file.file_data", "Invalid base64 data in '" + param + "'.");
      }
      block
          .putObject("source")
          .put("type", "text")
          .put("media_type", mediaType)
          .put("data", decoded);
    } else {
      throw invalid(
          param + ".file",
          "Files of type '"
              + mediaType
              + "' are not supported for Anthropic models (PDF and plain text are).");
    }
    if (file.path("filename").isTextual()) {
      block.put("title", file.get("filename").asText());
    }
    return block;
  }

  private static ApiErrorException invalid(String param, String message) {
    return new ApiErrorException(ApiError.badRequest("invalid_value", param, message));
  }
}

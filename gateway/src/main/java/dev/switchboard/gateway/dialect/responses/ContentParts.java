package dev.switchboard.gateway.dialect.responses;

import static dev.switchboard.gateway.dialect.responses.ResponsesRequestDecoder.invalidType;
import static dev.switchboard.gateway.dialect.responses.ResponsesRequestDecoder.invalidValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;

/**
 * Maps Responses content ({@code input_text}, {@code output_text}, {@code input_image}, {@code
 * input_file} parts) to chat content. Files uploaded to OpenAI ({@code file_id}) cannot be read by
 * any other upstream, so they are refused rather than silently left out.
 */
final class ContentParts {

  private ContentParts() {}

  /** Returns chat content: the string as is, or chat parts for a list of parts. */
  static JsonNode chat(JsonNode content, String param) {
    if (content.isTextual()) {
      return content;
    }
    if (!content.isArray()) {
      throw invalidType(param, "a string or an array of content parts");
    }
    ArrayNode parts = JsonCodec.mapper().createArrayNode();
    for (int i = 0; i < content.size(); i++) {
      ObjectNode part = part(content.get(i), param + "[" + i + "]");
      if (part != null) {
        parts.add(part);
      }
    }
    return parts;
  }

  /** Returns the text of assistant content (a string, or its text and refusal parts joined). */
  static String text(JsonNode content, String param) {
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      throw invalidType(param, "a string or an array of content parts");
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      switch (part.path("type").asText("")) {
        case "output_text", "input_text", "text" -> text.append(part.path("text").asText(""));
        case "refusal" -> text.append(part.path("refusal").asText(""));
        default -> {
          // images and files do not occur in model output
        }
      }
    }
    return text.toString();
  }

  private static ObjectNode part(JsonNode part, String param) {
    String type = part.path("type").asText("");
    return switch (type) {
      case "input_text", "output_text", "text" ->
          JsonCodec.object().put("type", "text").put("text", part.path("text").asText(""));
      case "refusal" -> JsonCodec.object().put("type", "text").put("text", part.path("refusal").asText(""));
      case "input_image" -> image(part, param);
      case "input_file" -> file(part, param);
      default ->
          throw invalidValue(
              param + ".type",
              "Invalid '" + param + ".type': '" + type + "' is not a supported content part.");
    };
  }

  private static ObjectNode image(JsonNode part, String param) {
    if (part.path("file_id").isTextual()) {
      throw uploadedFile(param + ".file_id");
    }
    JsonNode url = part.get("image_url");
    if (url == null || !url.isTextual() || url.asText().isEmpty()) {
      throw ResponsesRequestDecoder.missing(param + ".image_url");
    }
    ObjectNode chat = JsonCodec.object().put("type", "image_url");
    ObjectNode image = chat.putObject("image_url").put("url", url.asText());
    String detail = part.path("detail").asText("");
    if (!detail.isEmpty() && !detail.equals("auto")) {
      image.put("detail", detail);
    }
    return chat;
  }

  private static ObjectNode file(JsonNode part, String param) {
    if (part.path("file_id").isTextual()) {
      throw uploadedFile(param + ".file_id");
    }
    JsonNode data = part.get("file_data");
    if (data == null || !data.isTextual() || data.asText().isEmpty()) {
      throw invalidValue(
          param,
          "Invalid '" + param + "': only files sent inline in 'file_data' are supported (not 'file_url').");
    }
    ObjectNode chat = JsonCodec.object().put("type", "file");
    ObjectNode file = chat.putObject("file");
    file.put("filename", part.path("filename").asText("file.pdf"));
    String value = data.asText();
    // Responses takes a data URL or bare base64; chat's file_data is a data URL
    file.put("file_data", value.startsWith("data:") ? value : "data:application/pdf;base64," + value);
    return chat;
  }

  private static RuntimeException uploadedFile(String param) {
    return invalidValue(
        param,
        "Files uploaded to OpenAI ('file_id') are not supported by this gateway: send the image as"
            + " 'image_url' (a URL or data URL) or the file as 'file_data'.");
  }
}

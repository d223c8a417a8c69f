package dev.switchboard.gateway.provider.gemini;

import static dev.switchboard.gateway.provider.gemini.GeminiJson.object;
import static dev.switchboard.gateway.provider.gemini.GeminiJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.provider.gemini.GeminiContent.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the {@code content} of one OpenAI message (a string or an array of parts) into Gemini
 * parts: text, images and files as {@code inlineData} ({@code data:} URLs) or {@code fileData}
 * (other URLs), audio as {@code inlineData}.
 */
final class ContentPartMapper {

  // Gemini wants a MIME type with every blob; for URLs it is optional but helps
  // (https://ai.google.dev/gemini-api/docs/image-understanding#supported-formats)
  private static final Map<String, String> MIME_BY_EXTENSION =
      Map.ofEntries(
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("webp", "image/webp"),
          Map.entry("gif", "image/gif"),
          Map.entry("heic", "image/heic"),
          Map.entry("heif", "image/heif"),
          Map.entry("pdf", "application/pdf"),
          Map.entry("mp3", "audio/mp3"),
          Map.entry("wav", "audio/wav"),
          Map.entry("mp4", "video/mp4"),
          Map.entry("txt", "text/plain"));

  private ContentPartMapper() {}

  /** Maps a user message's content; every OpenAI part kind Gemini can take is accepted. */
  static List<Part> userParts(JsonNode content, String param) {
    List<Part> parts = new ArrayList<>();
    if (content == null || content.isNull()) {
      return parts;
    }
    if (content.isTextual()) {
      addText(parts, content.textValue());
      return parts;
    }
    if (!content.isArray()) {
      throw invalid(param, "expected a string or an array of parts");
    }
    for (int i = 0; i < content.size(); i++) {
      Part part = userPart(content.get(i), param + "[" + i + "]");
      if (part != null) {
        parts.add(part);
      }
    }
    return parts;
  }

  /** Maps content that may only hold text (system, developer and assistant messages). */
  static List<Part> textParts(JsonNode content, String param) {
    List<Part> parts = new ArrayList<>();
    if (content == null || content.isNull()) {
      return parts;
    }
    if (content.isTextual()) {
      addText(parts, content.textValue());
      return parts;
    }
    if (!content.isArray()) {
      throw invalid(param, "expected a string or an array of text parts");
    }
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      String type = text(part, "type");
      String value = "refusal".equals(type) ? text(part, "refusal") : text(part, "text");
      if ((!"text".equals(type) && !"refusal".equals(type)) || value == null) {
        throw new UntranslatableRequestException(
            param + "[" + i + "]", "Gemini accepts only text in '" + param + "'.");
      }
      addText(parts, value);
    }
    return parts;
  }

  /** Joins the text of a string or text-part content (tool results). */
  static String joinedText(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.textValue();
    }
    StringBuilder joined = new StringBuilder();
    for (JsonNode part : content) {
      String value = text(part, "text");
      if (value != null) {
        joined.append(value);
      }
    }
    return joined.toString();
  }

  private static Part userPart(JsonNode part, String param) {
    String type = text(part, "type");
    if (type == null) {
      throw invalid(param, "a content part needs a 'type'");
    }
    switch (type) {
      case "text" -> {
        String value = text(part, "text");
        return value == null || value.isEmpty() ? null : Part.text(value);
      }
      case "image_url" -> {
        JsonNode image = part.get("image_url");
        String url = image != null && image.isTextual() ? image.textValue() : text(image, "url");
        return media(url, null, param + ".image_url.url");
      }
      case "input_audio" -> {
        JsonNode audio = object(part, "input_audio");
        String data = text(audio, "data");
        String format = text(audio, "format");
        if (data == null || format == null) {
          throw invalid(param, "input_audio needs 'data' and 'format'");
        }
        return Part.inline("audio/" + format.toLowerCase(Locale.ROOT), data);
      }
      case "file" -> {
        JsonNode file = object(part, "file");
        String mime = mimeOf(text(file, "filename"));
        String data = text(file, "file_data");
        if (data != null && data.startsWith("data:")) {
          return media(data, mime, param + ".file.file_data");
        }
        if (data != null) {
          // OpenAI's file inputs are PDFs; a bare base64 string names no type of its own
          return Part.inline(mime == null ? "application/pdf" : mime, data);
        }
        String id = text(file, "file_id");
        if (id == null) {
          throw invalid(param, "a file part needs 'file_data' or 'file_id'");
        }
        return Part.file(mime, id); // a Gemini Files API URI
      }
      default -> throw new UntranslatableRequestException(
          param + ".type", "Content parts of type '" + type + "' cannot be sent to Gemini.");
    }
  }

  private static Part media(String url, String fallbackMime, String param) {
    if (url == null || url.isEmpty()) {
      throw new UntranslatableRequestException(param, "Missing '" + param + "'.");
    }
    if (url.startsWith("data:")) {
      int comma = url.indexOf(',');
      String header = comma < 0 ? "" : url.substring(5, comma);
      if (comma < 0 || !header.endsWith(";base64")) {
        throw invalid(param, "expected a base64 data: URL");
      }
      String mime = header.substring(0, header.length() - ";base64".length());
      if (mime.isEmpty()) {
        mime = fallbackMime;
      }
      return Part.inline(mime, url.substring(comma + 1));
    }
    return Part.file(mimeOf(url), url);
  }

  private static String mimeOf(String nameOrUrl) {
    if (nameOrUrl == null) {
      return null;
    }
    String path = nameOrUrl;
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    int dot = path.lastIndexOf('.');
    if (dot < 0 || dot < path.lastIndexOf('/')) {
      return null;
    }
    return MIME_BY_EXTENSION.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static UntranslatableRequestException invalid(String param, String detail) {
    return new UntranslatableRequestException(param, "Invalid '" + param + "': " + detail + ".");
  }

  private static void addText(List<Part> parts, String text) {
    if (text != null && !text.isEmpty()) {
      parts.add(Part.text(text)); // Gemini rejects empty text parts
    }
  }
}

package dev.switchboard.gateway.provider.openaicompat;

import static dev.switchboard.gateway.provider.openaicompat.WireJson.object;
import static dev.switchboard.gateway.provider.openaicompat.WireJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.provider.UpstreamError;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an upstream error response into an {@link UpstreamError}. Understands the OpenAI envelope
 * (string or integer {@code code}, as OpenRouter sends), vLLM's flat {@code {"object":"error"}},
 * Gemini-style {@code {"error":{"code":429,"status":...}}} (also wrapped in an array), a bare
 * {@code {"error":"..."}} (Ollama), FastAPI's {@code {"detail":...}}, and plain text, HTML or an
 * empty body. Only the response is read: nothing from the request can leak into the result.
 */
public final class OpenAiErrorParser {

  /** The longest message kept from an upstream body. */
  public static final int MAX_MESSAGE_CHARS = 2000;

  private static final Pattern HTML_TITLE =
      Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private OpenAiErrorParser() {}

  /** Parses an error response received now. */
  public static UpstreamError parse(int httpStatus, Buffer body, MultiMap headers) {
    return parse(httpStatus, body, headers, Instant.now());
  }

  /** Parses an error response, resolving an HTTP-date {@code retry-after} against {@code now}. */
  public static UpstreamError parse(int httpStatus, Buffer body, MultiMap headers, Instant now) {
    Integer retryAfter = RetryAfter.seconds(headers, now);
    String text = body == null ? "" : body.toString(StandardCharsets.UTF_8).strip();
    JsonNode json = readJson(text);
    if (json != null && json.isArray() && !json.isEmpty()) {
      json = json.get(0); // Gemini's OpenAI-compatible endpoint wraps the error in an array
    }
    UpstreamError error = json == null ? null : fromJson(httpStatus, json, retryAfter);
    if (error != null) {
      return error;
    }
    return new UpstreamError(httpStatus, null, null, plainMessage(httpStatus, text), retryAfter);
  }

  /**
   * Reads the error of a chunk with a top-level {@code error} inside an HTTP-200 stream
   * (OpenRouter, Groq {@code event: error}). Its status is the one the error body names, else 200.
   */
  static UpstreamError inBand(JsonNode chunk) {
    JsonNode error = object(chunk, "error");
    int status = 200;
    if (error != null) {
      // OpenRouter's integer code is the HTTP status; Groq sends status_code
      for (String field : new String[] {"status_code", "code"}) {
        JsonNode value = error.get(field);
        if (value != null && value.canConvertToInt() && isHttpStatus(value.asInt())) {
          status = value.asInt();
        }
      }
    }
    UpstreamError parsed = fromJson(status, chunk, null);
    if (parsed != null) {
      return parsed;
    }
    return new UpstreamError(status, null, null, "The provider failed mid-stream.", null);
  }

  private static UpstreamError fromJson(int status, JsonNode json, Integer retryAfter) {
    if (!json.isObject()) {
      return null;
    }
    JsonNode error = json.get("error");
    if (error != null && error.isTextual()) {
      return new UpstreamError(status, null, null, clip(error.textValue(), status), retryAfter);
    }
    JsonNode source;
    if (error != null && error.isObject()) {
      source = error;
    } else if (json.has("message") || "error".equals(text(json, "object"))) {
      source = json; // vLLM and other flat shapes
    } else if (json.has("detail")) {
      JsonNode detail = json.get("detail");
      String message = detail.isTextual() ? detail.textValue() : detail.toString();
      return new UpstreamError(status, null, null, clip(message, status), retryAfter);
    } else {
      return null;
    }
    String type = text(source, "type");
    if (type == null) {
      type = text(source, "status"); // Gemini: RESOURCE_EXHAUSTED, INVALID_ARGUMENT...
    }
    Integer retry = retryAfter != null ? retryAfter : retryDelay(source);
    return new UpstreamError(
        status, type, code(source.get("code")), clip(text(source, "message"), status), retry);
  }

  private static boolean isHttpStatus(int value) {
    return value >= 100 && value <= 599;
  }

  private static String code(JsonNode code) {
    if (code == null || code.isNull() || code.isContainerNode()) {
      return null;
    }
    return code.asText();
  }

  /** Reads Gemini's {@code google.rpc.RetryInfo.retryDelay} ("34.4s"), which is in the body. */
  private static Integer retryDelay(JsonNode error) {
    JsonNode details = error.get("details");
    if (details == null || !details.isArray()) {
      return null;
    }
    for (JsonNode detail : details) {
      String type = text(detail, "@type");
      String delay = text(detail, "retryDelay");
      if (type != null && type.endsWith("RetryInfo") && delay != null && delay.endsWith("s")) {
        try {
          return RetryAfter.ceilSeconds(Double.parseDouble(delay.substring(0, delay.length() - 1)));
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static JsonNode readJson(String text) {
    if (text.isEmpty() || (text.charAt(0) != '{' && text.charAt(0) != '[')) {
      return null;
    }
    try {
      return WireJson.MAPPER.readTree(text);
    } catch (Exception e) {
      return null;
    }
  }

  private static String plainMessage(int status, String text) {
    if (text.isEmpty()) {
      return "The provider returned HTTP " + status + " with an empty body.";
    }
    if (text.charAt(0) == '<') {
      Matcher title = HTML_TITLE.matcher(text);
      String page = title.find() ? title.group(1).strip() : "";
      String prefix = "The provider returned HTTP " + status + " with an HTML page";
      return page.isEmpty() ? prefix + "." : prefix + ": " + clip(page, status);
    }
    return clip(text, status);
  }

  private static String clip(String message, int status) {
    if (message == null || message.isBlank()) {
      return "The provider returned HTTP " + status + ".";
    }
    String stripped = message.strip();
    if (stripped.length() <= MAX_MESSAGE_CHARS) {
      return stripped;
    }
    int end = MAX_MESSAGE_CHARS;
    if (Character.isHighSurrogate(stripped.charAt(end - 1))) {
      end--;
    }
    return stripped.substring(0, end) + "…";
  }
}

package dev.switchboard.gateway.http;

import io.vertx.core.http.HttpServerRequest;

/**
 * Names the calling app the way OpenRouter does: {@code X-Title} (or its newer spelling {@code
 * X-OpenRouter-Title}), else {@code HTTP-Referer}.
 */
final class ClientApp {
  private static final int MAX_LENGTH = 200;

  private ClientApp() {}

  /** Returns the app name, or null when the client sent neither header. */
  static String of(HttpServerRequest request) {
    String title = request.getHeader("X-Title");
    if (title == null || title.isBlank()) {
      title = request.getHeader("X-OpenRouter-Title");
    }
    if (title != null && !title.isBlank()) {
      return truncate(title.trim());
    }
    String referer = request.getHeader("HTTP-Referer");
    if (referer == null || referer.isBlank()) {
      referer = request.getHeader("Referer");
    }
    return referer == null || referer.isBlank() ? null : truncate(referer.trim());
  }

  private static String truncate(String value) {
    return value.length() <= MAX_LENGTH ? value : value.substring(0, MAX_LENGTH);
  }
}

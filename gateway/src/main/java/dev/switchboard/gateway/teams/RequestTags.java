package dev.switchboard.gateway.teams;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.api.ChatRequest;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a request's tags from the {@code x-switchboard-tags} header (comma-separated) and from
 * {@code metadata.tags} (an array or a comma-separated string), normalized: lowercase, only
 * {@code [a-z0-9_.-]} kept, at most {@value #MAX_LENGTH} characters, at most {@value #MAX_TAGS}
 * distinct tags in the order first seen. Tags left empty by normalizing are dropped.
 */
public final class RequestTags {
  /** The request header carrying tags. */
  public static final String HEADER = "x-switchboard-tags";
  static final int MAX_TAGS = 10;
  static final int MAX_LENGTH = 64;

  private RequestTags() {}

  /** Returns the normalized tags of {@code request}; empty when it carries none. */
  public static List<String> of(ChatRequest request, MultiMap headers) {
    Set<String> tags = new LinkedHashSet<>();
    if (headers != null) {
      for (String value : headers.getAll(HEADER)) {
        addAll(tags, value);
      }
    }
    JsonNode fromBody = request.origin().body().path("metadata").path("tags");
    if (fromBody.isTextual()) {
      addAll(tags, fromBody.asText());
    } else if (fromBody.isArray()) {
      for (JsonNode tag : fromBody) {
        if (tag.isTextual()) {
          add(tags, tag.asText());
        }
      }
    }
    return tags.isEmpty() ? List.of() : List.copyOf(tags);
  }

  /** Normalizes one tag; empty when nothing is left. */
  public static String normalize(String raw) {
    StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_LENGTH));
    for (int i = 0; i < raw.length() && out.length() < MAX_LENGTH; i++) {
      char c = Character.toLowerCase(raw.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-') {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void addAll(Set<String> tags, String commaSeparated) {
    for (String part : commaSeparated.split(",", MAX_TAGS * 4)) {
      add(tags, part);
    }
  }

  private static void add(Set<String> tags, String raw) {
    if (tags.size() >= MAX_TAGS) {
      return;
    }
    String tag = normalize(raw.toLowerCase(Locale.ROOT).trim());
    if (!tag.isEmpty()) {
      tags.add(tag);
    }
  }

  /** Joins tags as recorded on usage records: comma-separated, null when there are none. */
  public static String joined(List<String> tags) {
    return tags.isEmpty() ? null : String.join(",", new ArrayList<>(tags));
  }
}

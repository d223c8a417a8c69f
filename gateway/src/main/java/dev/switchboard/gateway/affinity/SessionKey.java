package dev.switchboard.gateway.affinity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.JsonCodec;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identifies the conversation a request continues, so that its turns can go back to the target
 * holding its prompt cache. Holds only a hash of what the client sent, never the id itself.
 *
 * @param source where the key came from (a bounded metric tag)
 * @param hash hex SHA-256 of the source and its value, truncated to 128 bits
 */
public record SessionKey(Source source, String hash) {

  /** Names where a session key came from, in the order they are looked for. */
  public enum Source {
    /** The {@code x-session-id} header, set on purpose by the client. */
    HEADER,
    /** Claude Code's session id inside Anthropic's {@code metadata.user_id}. */
    CLAUDE_CODE,
    /** Codex CLI's {@code session-id} (or {@code session_id}) header. */
    CODEX,
    /** OpenAI's {@code prompt_cache_key}. */
    PROMPT_CACHE_KEY,
    /** The end-user id ({@code user}; Anthropic's {@code metadata.user_id} without a session). */
    USER,
    /** A hash of the conversation's stable prefix: system prompt, tools and first user turn. */
    PREFIX;

    /** Returns the lowercase name used in metrics. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  // user_<hash>_account_<uuid>_session_<uuid> (older Claude Code), or JSON with session_id (newer)
  private static final Pattern CLAUDE_SESSION =
      Pattern.compile("(?:_session_|\"session_id\"\\s*:\\s*\")([0-9A-Za-z-]{8,})");
  private static final int HASH_BYTES = 16;

  /**
   * Derives the session key of {@code request}: {@code x-session-id}, else Claude Code's session,
   * else Codex's {@code session-id} header, else {@code prompt_cache_key}, else {@code user}, else
   * a hash of the stable prefix (leading system messages, the tools, the first user message).
   * Walks the prefix only when no id was sent; returns null for a request without messages.
   */
  public static SessionKey of(ChatRequest request, MultiMap headers) {
    String explicit = header(headers, "x-session-id");
    if (explicit != null) {
      return hashed(Source.HEADER, explicit);
    }
    String user = request.user();
    if (user != null) {
      Matcher session = CLAUDE_SESSION.matcher(user);
      if (session.find()) {
        return hashed(Source.CLAUDE_CODE, session.group(1));
      }
    }
    String codex = header(headers, "session-id");
    if (codex == null) {
      codex = header(headers, "session_id");
    }
    if (codex != null) {
      return hashed(Source.CODEX, codex);
    }
    JsonNode cacheKey = request.body().path("prompt_cache_key");
    if (cacheKey.isTextual() && !cacheKey.asText().isBlank()) {
      return hashed(Source.PROMPT_CACHE_KEY, cacheKey.asText());
    }
    if (user != null && !user.isBlank()) {
      return hashed(Source.USER, user);
    }
    return prefix(request);
  }

  /** Returns the key of a conversation without ids: its system messages, tools and first user turn. */
  private static SessionKey prefix(ChatRequest request) {
    JsonNode messages = request.body().path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      return null;
    }
    ArrayNode stable = JsonCodec.mapper().createArrayNode();
    for (JsonNode message : messages) {
      stable.add(message);
      if ("user".equals(message.path("role").asText())) {
        break;
      }
    }
    stable.add(request.body().path("tools"));
    return hashed(Source.PREFIX, stable.toString());
  }

  private static String header(MultiMap headers, String name) {
    String value = headers == null ? null : headers.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static SessionKey hashed(Source source, String value) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(source.label().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      byte[] digest = sha.digest(value.getBytes(StandardCharsets.UTF_8));
      return new SessionKey(source, HexFormat.of().formatHex(digest, 0, HASH_BYTES));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}

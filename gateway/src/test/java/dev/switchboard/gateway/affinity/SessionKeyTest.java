package dev.switchboard.gateway.affinity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.affinity.SessionKey.Source;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.JsonCodec;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

/** Checks where session keys come from, in order, and that turns of one conversation share one. */
class SessionKeyTest {
  private static final String CLAUDE_CODE_USER =
      "user_2f5e0c_account_9a1b2c3d-0000-4000-8000-000000000001_session_7d0e4f2a-1111-4222-8333-444455556666";

  private static ChatRequest request(String user, String cacheKey, String... contents) {
    ObjectNode body = JsonCodec.object().put("model", "m");
    if (cacheKey != null) {
      body.put("prompt_cache_key", cacheKey);
    }
    var messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", "You are a coding agent.");
    for (int i = 0; i < contents.length; i++) {
      messages.addObject().put("role", i % 2 == 0 ? "user" : "assistant").put("content", contents[i]);
    }
    return new ChatRequest("m", false, false, false, user, body);
  }

  private static MultiMap headers(String... pairs) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      headers.add(pairs[i], pairs[i + 1]);
    }
    return headers;
  }

  @Test
  void anExplicitHeaderComesFirst() {
    SessionKey key =
        SessionKey.of(request(CLAUDE_CODE_USER, "pck", "hi"), headers("X-Session-Id", "s-1", "session-id", "codex"));

    assertThat(key.source()).isEqualTo(Source.HEADER);
    assertThat(key).isEqualTo(SessionKey.of(request(null, null, "other"), headers("x-session-id", "s-1")));
  }

  @Test
  void claudeCodesSessionIsReadFromTheUserIdInBothShapes() {
    SessionKey older = SessionKey.of(request(CLAUDE_CODE_USER, null, "hi"), headers());
    SessionKey sameSessionOtherAccount =
        SessionKey.of(request("user_ffff_account_x_session_7d0e4f2a-1111-4222-8333-444455556666", null, "yo"), headers());
    SessionKey json =
        SessionKey.of(request("{\"device_id\":\"d\",\"session_id\":\"7d0e4f2a-1111-4222-8333-444455556666\"}", null, "hi"),
            headers());

    assertThat(older.source()).isEqualTo(Source.CLAUDE_CODE);
    assertThat(sameSessionOtherAccount).isEqualTo(older);
    assertThat(json).isEqualTo(older);
    // the id itself is never kept
    assertThat(older.hash()).hasSize(32).doesNotContain("7d0e4f2a");
  }

  @Test
  void codexHeaderThenPromptCacheKeyThenUser() {
    assertThat(SessionKey.of(request("u", "pck", "hi"), headers("session_id", "c-1")).source()).isEqualTo(Source.CODEX);
    assertThat(SessionKey.of(request("u", "pck", "hi"), headers("session-id", "c-1")).source()).isEqualTo(Source.CODEX);
    assertThat(SessionKey.of(request("u", "pck", "hi"), headers()).source()).isEqualTo(Source.PROMPT_CACHE_KEY);
    assertThat(SessionKey.of(request("u", null, "hi"), headers()).source()).isEqualTo(Source.USER);
  }

  @Test
  void withoutIdsTheStablePrefixKeysTheConversation() {
    SessionKey turn1 = SessionKey.of(request(null, null, "fix the bug"), headers());
    SessionKey turn3 = SessionKey.of(request(null, null, "fix the bug", "done", "now test it"), headers());
    SessionKey other = SessionKey.of(request(null, null, "write docs"), headers());

    assertThat(turn1.source()).isEqualTo(Source.PREFIX);
    assertThat(turn3).isEqualTo(turn1);
    assertThat(other).isNotEqualTo(turn1);
    assertThat(SessionKey.of(request(null, null), headers()).source()).isEqualTo(Source.PREFIX);
  }
}

package dev.switchboard.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.telemetry.tokens.TokenCounter;
import org.junit.jupiter.api.Test;

class PromptTokensTest {
  private final TokenCounter o200k = TokenCounter.o200k();
  private final PromptTokens tokens = new PromptTokens(o200k);

  @Test
  void countsEveryTextOfThePromptShortOrLong() {
    String system = "You are a coding agent. Follow the repository's conventions. ".repeat(40);
    String question = "Why does my Rust borrow checker complain here?";
    String arguments = "{\"path\":\"src/main.rs\",\"line\":42}";
    ChatRequest request = request(system, question, arguments);

    long expected = o200k.count(system) + o200k.count(question) + o200k.count("read_file") + o200k.count(arguments);
    assertThat(system.length()).isGreaterThan(PromptTokens.MIN_CACHED_CHARS);
    assertThat(tokens.count(request)).isEqualTo(expected);
    // the long system prompt now comes from the cache: the count must not change
    assertThat(tokens.count(request)).isEqualTo(expected);
  }

  @Test
  void longTextsOfTheSameLengthKeepTheirOwnCounts() {
    String words = "alpha beta gamma delta ".repeat(40);
    String digits = "1234567890 9876543210 ".repeat(60).substring(0, words.length());
    assertThat(tokens.count(request(words, "hi", null))).isEqualTo(o200k.count(words) + o200k.count("hi"));
    assertThat(tokens.count(request(digits, "hi", null))).isEqualTo(o200k.count(digits) + o200k.count("hi"));
    assertThat(PromptTokens.fingerprint(words)).isNotEqualTo(PromptTokens.fingerprint(digits));
  }

  private static ChatRequest request(String system, String user, String toolArguments) {
    ObjectNode body = JsonCodec.object().put("model", "m");
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", system);
    ObjectNode question = messages.addObject().put("role", "user");
    question.putArray("content").addObject().put("type", "text").put("text", user);
    if (toolArguments != null) {
      ObjectNode call = messages.addObject().put("role", "assistant").putArray("tool_calls").addObject();
      call.put("id", "call_1").put("type", "function");
      call.putObject("function").put("name", "read_file").put("arguments", toolArguments);
    }
    return new ChatRequest("m", false, false, false, null, body);
  }
}

package dev.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.limits.PromptEstimate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks middle-out trimming: the ends stay, the middle goes first, tool results keep their calls. */
class MiddleOutTest {

  private static List<String> contents(ChatRequest request) {
    List<String> contents = new ArrayList<>();
    for (JsonNode message : request.body().path("messages")) {
      contents.add(message.path("role").asText() + ":" + message.path("content").asText("").charAt(0));
    }
    return contents;
  }

  private static ChatRequest agentLoop() {
    ObjectNode body = JsonCodec.object().put("model", "m");
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", "S".repeat(400));
    messages.addObject().put("role", "user").put("content", "U".repeat(400));
    for (char c = 'a'; c <= 'e'; c++) {
      ObjectNode call = messages.addObject().put("role", "assistant").put("content", String.valueOf(c));
      call.putArray("tool_calls").addObject().put("id", "call_" + c).put("type", "function")
          .putObject("function").put("name", "read").put("arguments", "{}");
      messages.addObject().put("role", "tool").put("tool_call_id", "call_" + c).put("content", String.valueOf(c).repeat(800));
    }
    messages.addObject().put("role", "user").put("content", "L".repeat(40));
    return new ChatRequest("m", false, false, false, null, body);
  }

  @Test
  void removesExchangesNearestTheMiddleWithTheirToolResults() {
    ChatRequest request = agentLoop();
    long before = PromptEstimate.contextTokens(request);

    // two tool exchanges of ~205 tokens each must go: c (the middle one), then d
    ChatRequest trimmed = MiddleOut.trim(request, before - 300);

    assertThat(contents(trimmed))
        .containsExactly(
            "system:S", "user:U", "assistant:a", "tool:a", "assistant:b", "tool:b", "assistant:e", "tool:e",
            "user:L");
    assertThat(PromptEstimate.contextTokens(trimmed)).isLessThanOrEqualTo(before - 300);
    // the client's body is untouched
    assertThat(request.body().path("messages").size()).isEqualTo(13);
  }

  @Test
  void givesUpWhenTheEndsAloneDoNotFit() {
    assertThat(MiddleOut.trim(agentLoop(), 200)).isNull();
  }

  @Test
  void middleFirstNeverNamesTheFirstOrLastExchange() {
    assertThat(MiddleOut.middleFirst(2)).isEmpty();
    assertThat(MiddleOut.middleFirst(3)).containsExactly(1);
    assertThat(MiddleOut.middleFirst(6)).containsExactly(2, 3, 1, 4);
    assertThat(MiddleOut.middleFirst(7)).containsExactly(3, 4, 2, 5, 1);
  }
}

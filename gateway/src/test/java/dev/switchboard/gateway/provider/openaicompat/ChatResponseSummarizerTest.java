package dev.switchboard.gateway.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.TokenUsage;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ChatResponseSummarizerTest {

  private static final String BODY =
      """
      {"object":"chat.completion","model":"deepseek-chat",
       "choices":[{"index":0,"message":{"role":"assistant","content":"Hi!","reasoning_content":"ok"},
                   "finish_reason":"stop"}],
       "usage":{"prompt_tokens":6,"completion_tokens":3,"total_tokens":9,
                "prompt_cache_hit_tokens":4,"prompt_cache_miss_tokens":2}}\
      """;

  @Test
  void parseBodySkipsLeadingBlankLines() throws IOException {
    JsonNode json = ChatResponseSummarizer.parseBody(Buffer.buffer("\n\n  \r\n\t" + BODY));

    assertThat(json.path("model").asText()).isEqualTo("deepseek-chat");
  }

  @Test
  void parseBodyRejectsEmptyAndNonJsonBodies() {
    assertThatThrownBy(() -> ChatResponseSummarizer.parseBody(Buffer.buffer("\n \n")))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> ChatResponseSummarizer.parseBody(Buffer.buffer("<html>")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void summarizesWholeCompletion() throws IOException {
    ResponseSummary summary =
        ChatResponseSummarizer.summarize(ChatResponseSummarizer.parseBody(Buffer.buffer(BODY)));

    assertThat(summary)
        .isEqualTo(
            new ResponseSummary(
                new TokenUsage(6L, 3L, null, 4L, 0L),
                FinishReason.STOP,
                "stop",
                0,
                3,
                2,
                "deepseek-chat",
                null));
  }

  @Test
  void toolCallsOfAMessageAreCountedWithoutIndex() throws IOException {
    String body =
        """
        {"choices":[{"index":0,"finish_reason":"tool_calls","message":{"content":null,"tool_calls":[
          {"id":"call_a","type":"function","function":{"name":"f","arguments":"{}"}},
          {"id":"call_b","type":"function","function":{"name":"g","arguments":"{}"}}]}}]}\
        """;

    ResponseSummary summary =
        ChatResponseSummarizer.summarize(ChatResponseSummarizer.parseBody(Buffer.buffer(body)));

    assertThat(summary.toolCalls()).isEqualTo(2);
    assertThat(summary.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
  }
}

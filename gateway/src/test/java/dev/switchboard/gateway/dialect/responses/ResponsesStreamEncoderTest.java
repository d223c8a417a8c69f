package dev.switchboard.gateway.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.dialect.AnswerContext;
import dev.switchboard.gateway.dialect.responses.ResponsesWire.Event;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Feeds chat chunks to the Responses stream encoder and reads the events it writes. */
class ResponsesStreamEncoderTest {
  private final Buffer out = Buffer.buffer();
  private final ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(context());

  @Test
  void geminiThoughtSignatureTravelsInAReasoningItemBeforeItsCall() {
    chunk("""
        {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_g","type":"function",
          "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"},
          "extra_content":{"google":{"thought_signature":"c2lnbmF0dXJl"}}}]},"finish_reason":null}]}""");
    chunk("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}");
    chunk("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}");
    encoder.finished(false, out);

    List<Event> events = ResponsesWire.events(out.toString());
    JsonNode output = last(events).data().at("/response/output");
    assertThat(output).hasSize(2);
    assertThat(output.at("/0/type").asText()).isEqualTo("reasoning");
    ObjectNode restored = (ObjectNode) ReasoningCarrier.details(output.get(0)).get(0);
    assertThat(restored.get("id").asText()).isEqualTo("call_g");
    assertThat(restored.get("data").asText()).isEqualTo("c2lnbmF0dXJl");
    assertThat(output.at("/1/type").asText()).isEqualTo("function_call");
    assertThat(output.at("/1/arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(events.stream().filter(e -> e.type().equals("response.output_item.added"))
        .map(e -> e.data().get("output_index").asInt())).containsExactly(0, 1);
  }

  @Test
  void twoToolCallsAreTwoItemsWithTheirOwnArgumentDeltas() {
    chunk("""
        {"choices":[{"index":0,"delta":{"content":"Checking.","tool_calls":[{"index":0,"id":"a","type":"function",
          "function":{"name":"ls","arguments":""}}]}}]}""");
    chunk("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}]}}]}");
    chunk("""
        {"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"b","type":"function",
          "function":{"name":"cat","arguments":"{\\"f\\":1}"}}]},"finish_reason":"tool_calls"}]}""");
    encoder.finished(false, out);

    List<Event> events = ResponsesWire.events(out.toString());
    JsonNode output = last(events).data().at("/response/output");
    assertThat(output).hasSize(3);
    assertThat(output.at("/0/content/0/text").asText()).isEqualTo("Checking.");
    assertThat(output.at("/1/call_id").asText()).isEqualTo("a");
    assertThat(output.at("/1/arguments").asText()).isEqualTo("{}");
    assertThat(output.at("/2/call_id").asText()).isEqualTo("b");
    assertThat(output.at("/2/arguments").asText()).isEqualTo("{\"f\":1}");
    assertThat(events.stream().filter(e -> e.type().equals("response.function_call_arguments.done"))
        .map(e -> e.data().get("output_index").asInt())).containsExactly(1, 2);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).data().get("sequence_number").asInt()).isEqualTo(i);
    }
  }

  @Test
  void answerEndingInErrorFailsTheResponse() {
    chunk("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Par\"}}]}");
    encoder.finished(true, out);

    List<Event> events = ResponsesWire.events(out.toString());
    assertThat(events.get(events.size() - 2).type()).isEqualTo("error");
    assertThat(last(events).type()).isEqualTo("response.failed");
    assertThat(last(events).data().at("/response/output/0/content/0/text").asText()).isEqualTo("Par");
  }

  @Test
  void rateLimitAfterTheStreamBeganIsAFailedResponseWithItsCode() {
    chunk("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Par\"}}]}");
    encoder.failed(new ApiError(429, "rate_limit_error", "rate_limited", null, "Slow down."), out);
    encoder.finished(false, out); // nothing more after a failure

    Event failed = last(ResponsesWire.events(out.toString()));
    assertThat(failed.type()).isEqualTo("response.failed");
    assertThat(failed.data().at("/response/error/code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(failed.data().at("/response/error/message").asText()).isEqualTo("Slow down.");
  }

  private void chunk(String json) {
    encoder.chunk((ObjectNode) ResponsesWire.read(json), out);
  }

  private static Event last(List<Event> events) {
    return events.get(events.size() - 1);
  }

  private static AnswerContext context() {
    ChatRequest request = new ResponsesCodec().decode(
        Buffer.buffer("{\"model\":\"m\",\"stream\":true,\"input\":\"hi\"}"), MultiMap.caseInsensitiveMultiMap());
    return new AnswerContext("chatcmpl-0123456789abcdef", "public/m", 1700000000L, request);
  }
}

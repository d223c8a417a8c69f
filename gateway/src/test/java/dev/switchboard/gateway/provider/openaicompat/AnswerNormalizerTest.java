package dev.switchboard.gateway.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class AnswerNormalizerTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static ObjectNode chunk(String json) throws Exception {
    ObjectNode chunk = (ObjectNode) MAPPER.readTree(json);
    new AnswerNormalizer(false).chunk(chunk);
    return chunk;
  }

  @Test
  void reasoningContentIsAlsoOfferedAsReasoning() throws Exception {
    ObjectNode chunk =
        chunk(
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":null,\"reasoning_content\":\"Hmm\"}}]}");

    assertThat(chunk.at("/choices/0/delta/reasoning").asText()).isEqualTo("Hmm");
    assertThat(chunk.at("/choices/0/delta/reasoning_content").asText()).isEqualTo("Hmm");
  }

  @Test
  void mistralThinkingPartsBecomeReasoningAndTheTextPartsTheContentString() throws Exception {
    ObjectNode body =
        (ObjectNode)
            MAPPER.readTree(
                "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":\"Let"
                    + " me \"},{\"type\":\"text\",\"text\":\"see.\"}]},"
                    + "{\"type\":\"text\",\"text\":\"4\"}]},\"finish_reason\":\"stop\"}]}");

    new AnswerNormalizer(false).completion(body);

    assertThat(body.at("/choices/0/message/reasoning").asText()).isEqualTo("Let me see.");
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("4");
  }

  @Test
  void reasoningAlreadyInPlaceIsLeftAlone() throws Exception {
    ObjectNode chunk =
        chunk(
            "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"own\",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"own\"}]}}]}");

    assertThat(chunk.at("/choices/0/delta/reasoning").asText()).isEqualTo("own");
    assertThat(chunk.at("/choices/0/delta/reasoning_details")).hasSize(1);
  }

  @Test
  void deltaWithoutReasoningGetsNoReasoningField() throws Exception {
    ObjectNode chunk =
        chunk(
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\",\"reasoning_content\":null}}]}");

    assertThat(chunk.at("/choices/0/delta").has("reasoning")).isFalse();
  }

  @Test
  void excludeRemovesEveryReasoningShape() throws Exception {
    ObjectNode chunk =
        (ObjectNode)
            MAPPER.readTree(
                "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"a\",\"reasoning_content\":\"a\","
                    + "\"reasoning_details\":[],\"content\":[{\"type\":\"thinking\",\"thinking\":\"b\"},{\"type\":\"text\",\"text\":\"c\"}]}}]}");

    new AnswerNormalizer(true).chunk(chunk);

    assertThat(chunk.at("/choices/0/delta").toString()).isEqualTo("{\"content\":\"c\"}");
  }

  @Test
  void nonOpenAiFinishReasonsAreMappedAndKeptAsNative() throws Exception {
    ObjectNode chunk =
        chunk("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"model_length\"}]}");

    assertThat(chunk.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(chunk.at("/choices/0/native_finish_reason").asText()).isEqualTo("model_length");
    assertThat(chunk.has("error")).isFalse();
  }

  @Test
  void finishReasonMeaningFailureBecomesAnErrorObject() throws Exception {
    ObjectNode chunk =
        chunk(
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"insufficient_system_resource\"}]}");

    assertThat(chunk.at("/choices/0/finish_reason").asText()).isEqualTo("error");
    assertThat(chunk.at("/error/code").asText()).isEqualTo("insufficient_system_resource");
    assertThat(chunk.at("/error/message").asText()).contains("insufficient_system_resource");
  }

  @Test
  void baseRespFailureBecomesAnErrorObjectButAnExistingErrorIsKept() throws Exception {
    ObjectNode minimax =
        chunk(
            "{\"choices\":[],\"base_resp\":{\"status_code\":1002,\"status_msg\":\"rate limit\"}}");
    ObjectNode ok = chunk("{\"choices\":[],\"base_resp\":{\"status_code\":0,\"status_msg\":\"\"}}");
    ObjectNode openRouter =
        chunk(
            "{\"error\":{\"code\":502,\"message\":\"down\"},\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"error\"}]}");

    assertThat(minimax.at("/error/message").asText()).isEqualTo("rate limit");
    assertThat(minimax.at("/error/code").asText()).isEqualTo("1002");
    assertThat(ok.has("error")).isFalse();
    assertThat(openRouter.at("/error/message").asText()).isEqualTo("down");
  }

  @Test
  void azureZeroCreatedIsDroppedSoTheRelayStampsIt() throws Exception {
    ObjectNode chunk =
        chunk("{\"id\":\"\",\"created\":0,\"choices\":[],\"prompt_filter_results\":[]}");

    assertThat(chunk.has("created")).isFalse();
    assertThat(chunk.has("prompt_filter_results")).isTrue();
  }

  @Test
  void wholeToolCallsWithoutIndexOrTypeGetThemAsOpenAiSdksExpect() throws Exception {
    AnswerNormalizer normalizer = new AnswerNormalizer(false);
    ObjectNode first =
        (ObjectNode)
            MAPPER.readTree(
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"a\",\"function\":"
                    + "{\"name\":\"f\",\"arguments\":\"{}\"}},{\"id\":\"b\",\"function\":{\"name\":\"g\","
                    + "\"arguments\":\"{}\"}}]}}]}");
    ObjectNode again =
        (ObjectNode)
            MAPPER.readTree(
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"b\",\"function\":"
                    + "{\"arguments\":\"\"}}]}}]}");

    normalizer.chunk(first);
    normalizer.chunk(again);

    assertThat(first.at("/choices/0/delta/tool_calls/0/index").asInt()).isZero();
    assertThat(first.at("/choices/0/delta/tool_calls/1/index").asInt()).isEqualTo(1);
    assertThat(first.at("/choices/0/delta/tool_calls/1/type").asText()).isEqualTo("function");
    assertThat(again.at("/choices/0/delta/tool_calls/0/index").asInt()).isEqualTo(1);
  }

  @Test
  void toolCallsThatHaveAnIndexKeepIt() throws Exception {
    ObjectNode chunk =
        chunk(
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":3,\"id\":\"c\","
                + "\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}}]}");

    assertThat(chunk.at("/choices/0/delta/tool_calls/0/index").asInt()).isEqualTo(3);
  }

  @Test
  void contentArraysWithOtherPartsAreLeftAsSent() throws Exception {
    ObjectNode chunk =
        chunk(
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
                + "{\"type\":\"reference\",\"reference_ids\":[1]}]}}]}");

    assertThat(chunk.at("/choices/0/delta/content")).hasSize(2);
  }
}

package dev.switchboard.gateway.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.bench.Fixtures;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.MalformedStreamException;
import dev.switchboard.gateway.provider.RawObject;
import dev.switchboard.gateway.provider.ResponseSummary;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte path (a scan, the answer kept as its bytes) must record exactly what the tree path
 * records, and hand on exactly the object the tree path would: checked on recorded real payloads
 * and on the shapes the scan must decline.
 */
class ChatAnswerScannerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Both ways of reading one stream: its summary, completion text and chunks. */
  private record Read(ResponseSummary summary, String text, List<ObjectNode> chunks, int relayed) {}

  private static Read stream(byte[] body, boolean relay, boolean excludeReasoning) {
    List<ObjectNode> chunks = new ArrayList<>();
    OpenAiStreamTranslation translation = new OpenAiStreamTranslation(
        chunks::add, new AnswerNormalizer(excludeReasoning), 1 << 20, relay);
    translation.feed(Buffer.buffer(body));
    assertThat(translation.end()).isNull();
    int raw = (int) chunks.stream().filter(RawObject.class::isInstance).count();
    return new Read(translation.summary(), translation.completionText(), chunks, raw);
  }

  private static byte[] sse(String fixture) {
    byte[] bytes = Fixtures.bytes("openai-compatible", fixture).getBytes();
    if (!fixture.endsWith(".jsonl")) {
      return bytes;
    }
    StringBuilder framed = new StringBuilder();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        framed.append("data: ").append(line).append("\n\n");
      }
    }
    return framed.toString().getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "openai-chat-stream-text-usage.sse", "openai-chat-stream-tool-call-usage.sse",
      "deepseek-reasoner-stream-usage.sse", "groq-stream-x-groq-usage.sse",
      "mistral-stream-tool-call.chunks.jsonl", "openrouter-stream-processing-comments-usage-cost.sse",
      "xai-chat-stream-reasoning-content.sse", "zai-glm-stream-thinking.sse"})
  void recordedStreamsAreMeasuredAndRelayedAsTheTreePathDoes(String fixture) {
    for (boolean exclude : new boolean[] {false, true}) {
      Read tree = stream(sse(fixture), false, exclude);
      Read bytes = stream(sse(fixture), true, exclude);

      assertThat(bytes.summary()).as(fixture).isEqualTo(tree.summary());
      assertThat(bytes.text()).as(fixture).isEqualTo(tree.text());
      // a RawObject read as a tree is the normalized chunk the tree path emits
      assertThat(bytes.chunks()).as(fixture).isEqualTo(tree.chunks());
      assertThat(tree.relayed()).isZero();
    }
  }

  @Test
  void plainTextStreamsTakeTheBytePathWholeAndToolCallChunksTheTreePath() {
    Read text = stream(sse("openai-chat-stream-text-usage.sse"), true, false);
    assertThat(text.relayed()).isEqualTo(text.chunks().size()).isPositive();
    assertThat(text.summary().usage().isReported()).isTrue();

    Read tools = stream(sse("openai-chat-stream-tool-call-usage.sse"), true, false);
    assertThat(tools.summary().toolCalls()).isEqualTo(1);
    assertThat(tools.relayed()).isPositive().isLessThan(tools.chunks().size());
  }

  @ParameterizedTest
  @CsvSource({
      "openai-chat-nonstream-reasoning.json, true",
      // reasoning text and tool calls are read from the tree
      "openrouter-nonstream-usage-cost.json, false", "ollama-v1-local-nonstream.json, false",
      "qwen-dashscope-nonstream-tool-call.json, false"})
  void recordedAnswersAreMeasuredAsTheTreePathDoes(String fixture, boolean relayed)
      throws IOException {
    byte[] bytes = Fixtures.bytes("openai-compatible", fixture).getBytes();
    assertThat(ChatResponseSummarizer.relayable(bytes) != null).isEqualTo(relayed);
    shouldMatchTreePath(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // cached and reasoning tokens as OpenAI reports them
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"Bonjour \\u00e9t\\u00e9 \\ud83d\\ude00\\n\"},"
          + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":2006,\"completion_tokens\":300,"
          + "\"total_tokens\":2306,\"prompt_tokens_details\":{\"cached_tokens\":1920},"
          + "\"completion_tokens_details\":{\"reasoning_tokens\":192}},\"system_fingerprint\":null}",
      // a refusal, no logprobs or finish_reason members, usage first, DeepSeek's blank-line keep-alive
      "\n\n  {\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":3,\"total_tokens\":13,"
          + "\"prompt_cache_hit_tokens\":8},\"choices\":[{\"message\":{\"content\":null,"
          + "\"refusal\":\"I can't help with that.\"}}],\"model\":\"deepseek-chat\"}",
      // xAI: reasoning left out of completion_tokens; two choices, one empty
      "{\"model\":\"grok-3-mini\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"a\"},\"finish_reason\":\"length\"},"
          + "{}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":26,"
          + "\"cost_in_usd_ticks\":12345}}",
      // no usage at all, an unknown member kept
      "{\"choices\":[],\"service_tier\":\"default\",\"object\":\"chat.completion\"}"})
  void plainAnswersTakeTheBytePathWithTheTreePathsFacts(String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    assertThat(ChatResponseSummarizer.relayable(bytes)).isNotNull();
    shouldMatchTreePath(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"choices\":[{\"message\":{\"content\":\"\",\"tool_calls\":[{\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}",
      "{\"choices\":[{\"message\":{\"content\":\"x\",\"reasoning_content\":\"think\"}}]}",
      "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}}]}",
      "{\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"eos\"}]}",
      "{\"choices\":[{\"message\":{\"content\":\"x\"},\"usage\":{\"prompt_tokens\":1}}]}",
      "{\"choices\":[],\"error\":{\"message\":\"overloaded\"}}",
      "{\"choices\":[],\"base_resp\":{\"status_code\":1002,\"status_msg\":\"rate limit\"}}",
      "{\"choices\":[],\"x_groq\":{\"usage\":{\"prompt_tokens\":1}}}",
      "{\"model\":\"a\",\"choices\":[],\"model\":\"b\"}",
      "{\"choices\":[{\"message\":{\"content\":\"a\",\"content\":\"b\"}}]}",
      "{\"choices\":[{\"delta\":{\"content\":\"x\"}}]}",
      "{\"model\":7,\"choices\":[]}",
      "{\"choices\":{}}",
      "{\"object\":\"chat.completion\"}",
      "[]",
      "{\"choices\":[]} trailing",
      "{\"choices\":[{\"message\":{\"content\":\"cut"})
  void answersTheBytePathMustNotReadAreLeftToTheTreePath(String body) {
    assertThat(ChatResponseSummarizer.relayable(body.getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void aStreamsZeroCreatedIsLeftToTheNormalizer() {
    String chunk = "{\"created\":0,\"choices\":[{\"delta\":{\"content\":\"x\"}}]}";
    assertThat(ChatAnswerScanner.relayable(chunk.getBytes(StandardCharsets.UTF_8), true)).isNull();
    assertThat(ChatAnswerScanner.relayable(chunk.getBytes(StandardCharsets.UTF_8), false)).isNull();
    String answer = "{\"created\":0,\"choices\":[{\"message\":{\"content\":\"x\"}}]}";
    assertThat(ChatAnswerScanner.relayable(answer.getBytes(StandardCharsets.UTF_8), false)).isNotNull();
  }

  @Test
  void malformedJsonInAMemberTheScanSkipsIsStillRefused() {
    byte[] badEscape = "{\"choices\":[],\"note\":\"bad \\q escape\"}".getBytes(StandardCharsets.UTF_8);
    byte[] badUtf8 = "{\"choices\":[],\"note\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8);
    badUtf8[badUtf8.length - 4] = (byte) 0xff;

    assertThat(ChatResponseSummarizer.relayable(badEscape)).isNull();
    assertThat(ChatResponseSummarizer.relayable(badUtf8)).isNull();
  }

  @Test
  void aMalformedStreamEventFailsClearlyOnTheBytePathToo() {
    OpenAiStreamTranslation translation = new OpenAiStreamTranslation(
        chunk -> {}, new AnswerNormalizer(false), 1 << 20, true);
    translation.feed(Buffer.buffer("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"));

    assertThatThrownBy(() -> translation.feed(Buffer.buffer("data: {\"choices\":[{\"delta\n\n")))
        .isInstanceOf(MalformedStreamException.class)
        .hasMessage("The provider sent a stream event that is not valid JSON.");
    assertThat(translation.completionText()).isEqualTo("a");
  }

  @Test
  void theKeptBytesAreParsedOnlyWhenReadAsATree() {
    RawObject raw = ChatAnswerScanner.relayable(
        "{\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}".getBytes(StandardCharsets.UTF_8), true);
    assertThat(raw.parsed()).isFalse();
    assertThat(raw.layout().choicesEmpty()).isFalse();

    assertThat(raw.path("choices").path(0).path("delta").path("content").asText()).isEqualTo("hi");
    assertThat(raw.parsed()).isTrue();
    raw.put("model", "other");
    assertThat(raw.toString()).contains("\"model\":\"other\"");
  }

  /** Reads {@code bytes} as the adapter's tree path does and checks the byte path agrees. */
  private static void shouldMatchTreePath(byte[] bytes) throws IOException {
    JsonNode json = ChatResponseSummarizer.parseBody(Buffer.buffer(bytes));
    ResponseSummary summary = ChatResponseSummarizer.summarize(json);
    String text = CompletionText.of(json);
    new AnswerNormalizer(false).completion((ObjectNode) json);

    ChatCompletion relayed = ChatResponseSummarizer.relayable(bytes);
    if (relayed == null) {
      return; // declined: the tree path reads it, so there is nothing to compare
    }
    assertThat(relayed.summary()).isEqualTo(summary);
    assertThat(relayed.completionText()).isEqualTo(text);
    assertThat(((RawObject) relayed.body()).parsed()).isFalse();
    assertThat(relayed.body()).isEqualTo(json);
  }
}

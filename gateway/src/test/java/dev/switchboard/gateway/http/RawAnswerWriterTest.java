package dev.switchboard.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.bench.Fixtures;
import dev.switchboard.gateway.provider.RawObject;
import dev.switchboard.gateway.provider.openaicompat.ChatAnswerScanner;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A chat completions client must read the same JSON whether its answer went out as the upstream's
 * bytes with edits ({@link RawAnswerWriter}) or as a shaped tree ({@link ChunkShaper}).
 */
class RawAnswerWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ID = "gen-0123456789abcdef";
  private static final String MODEL = "openai/gpt-4o-mini \"quoted\" \u00e9";
  private static final long CREATED = 1767225600L;
  private static final double COST = 0.000125;

  private static final List<String> ANSWERS = List.of(
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"Bonjour \\u00e9t\\u00e9\"},\"logprobs\":null,"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":2006,\"completion_tokens\":300,"
          + "\"total_tokens\":2306,\"prompt_tokens_details\":{\"cached_tokens\":1920},"
          + "\"completion_tokens_details\":{\"reasoning_tokens\":192}},\"system_fingerprint\":null}",
      "\n  {\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":3,\"total_tokens\":13,\"prompt_cache_hit_tokens\":8},"
          + " \"choices\" : [ {\"message\":{\"content\":null,\"refusal\":\"No.\"}} , {} ] }  ",
      "{\"model\":\"grok-3-mini\",\"choices\":[{\"message\":{\"content\":\"a\"},\"finish_reason\":\"length\"}],"
          + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":26},\"id\":\"x\"}",
      "{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2,\"cost\":0.5}}",
      "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"usage\":null,\"service_tier\":\"default\"}",
      "{\"choices\":[],\"usage\":{ }}",
      "{ \"id\" : \"a\\\"b\" ,\n \"object\":\"x\" , \"system_fingerprint\" : \"fp_1\" ,\"choices\":[ ] ,"
          + "\"model\":\"m\",\"object2\":1, \"system_fingerprint2\" : null }");

  @Test
  void wholeAnswersReadAsTheShapedTree() throws Exception {
    List<String> answers = new ArrayList<>(ANSWERS);
    answers.add(Fixtures.bytes("openai-compatible", "openai-chat-nonstream-reasoning.json").toString());
    for (String answer : answers) {
      ObjectNode tree = (ObjectNode) MAPPER.readTree(answer);
      ChunkShaper.shapeCompletion(tree, ID, MODEL, CREATED);
      costUsage(tree);

      RawObject raw = ChatAnswerScanner.relayable(answer.getBytes(StandardCharsets.UTF_8), false);
      assertThat(raw).as(answer).isNotNull();
      Buffer out = Buffer.buffer();
      new RawAnswerWriter(ID, MODEL, CREATED).completion(raw, relayedUsage(raw), out);

      assertThat(MAPPER.readTree(out.getBytes())).as(answer).isEqualTo(asRead(tree));
      assertThat(raw.parsed()).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void recordedChunksReadAsTheShapedTree(boolean includeUsage) throws Exception {
    List<String> chunks = new ArrayList<>(ANSWERS.stream()
        .map(answer -> answer.replace("\"message\"", "\"delta\"")).toList());
    for (String fixture : List.of("openai-chat-stream-text-usage.sse", "openrouter-stream-processing-comments-usage-cost.sse")) {
      for (String line : Fixtures.bytes("openai-compatible", fixture).toString().split("\n")) {
        if (line.startsWith("data: {")) {
          chunks.add(line.substring("data: ".length()));
        }
      }
    }
    int relayed = 0;
    for (String chunk : chunks) {
      RawObject raw = ChatAnswerScanner.relayable(chunk.getBytes(StandardCharsets.UTF_8), true);
      if (raw == null) {
        continue; // the tree path's: nothing to compare
      }
      relayed++;
      ObjectNode tree = (ObjectNode) MAPPER.readTree(chunk);
      ChunkShaper.shapeChunk(tree, ID, MODEL, CREATED, includeUsage);
      if (tree.path("usage").isObject()) {
        costUsage(tree);
      }
      RawAnswerWriter.UsageEdit edit =
          includeUsage ? relayedUsage(raw) : RawAnswerWriter.UsageEdit.NONE;
      Buffer out = Buffer.buffer();
      new RawAnswerWriter(ID, MODEL, CREATED).chunk(raw, includeUsage, edit, out);

      JsonNode written = MAPPER.readTree(out.getBytes());
      assertThat(written).as(chunk).isEqualTo(asRead(tree));
      // the relay skips exactly the chunks the tree path would skip
      assertThat(!includeUsage && raw.layout().choicesEmpty())
          .isEqualTo(!includeUsage && ChunkShaper.isEmptyUsageOnlyChunk(tree));
    }
    assertThat(relayed).isGreaterThan(10);
  }

  /** Returns the tree as a client reads it (numbers typed by their text, as in any parse). */
  private static JsonNode asRead(ObjectNode tree) throws Exception {
    return MAPPER.readTree(tree.toString());
  }

  private static boolean costUsage(ObjectNode message) {
    boolean restated = ChunkShaper.alignUsage(message);
    ChunkShaper.putCost(message, COST);
    return restated;
  }

  /** Restates and costs the kept usage as the relay does, returning how it changed. */
  private static RawAnswerWriter.UsageEdit relayedUsage(RawObject raw) {
    ObjectNode usage = raw.layout().usage();
    if (usage == null) {
      return RawAnswerWriter.UsageEdit.NONE;
    }
    boolean hadCost = usage.has("cost");
    return RawAnswerWriter.UsageEdit.of(costUsage(ChunkShaper.holding(usage)), hadCost, usage);
  }
}

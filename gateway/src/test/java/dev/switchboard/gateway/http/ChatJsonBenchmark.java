package dev.switchboard.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.ChatRequestParser;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.api.RoutingFieldsParser;
import dev.switchboard.gateway.bench.BenchmarkRatios;
import dev.switchboard.gateway.bench.Fixtures;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.RawObject;
import dev.switchboard.gateway.provider.openaicompat.ChatAnswerScanner;
import dev.switchboard.gateway.provider.openaicompat.ChatResponseSummarizer;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures the JSON work of one chat request on the event loop: parsing and validating the client's
 * request, and reading, shaping and writing the answer (a whole completion, or one stream chunk as
 * an SSE frame). Baseline: a bare Jackson tree parse of the same request body.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class ChatJsonBenchmark {
  private static final String REQUEST =
      "{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
          + "\"temperature\":0.2,\"max_tokens\":512,\"user\":\"user-42\",\"messages\":["
          + "{\"role\":\"system\",\"content\":\"You are a helpful assistant. Answer briefly.\"},"
          + "{\"role\":\"user\",\"content\":\"What is the capital of France?\"},"
          + "{\"role\":\"assistant\",\"content\":\"Paris.\"},"
          + "{\"role\":\"user\",\"content\":\"And how many people live there? Give a source.\"}]}";
  private static final String CHUNK =
      "{\"id\":\"chatcmpl-Dx0Xq5Xx9rHB2ehcHZCRDsnuymUXc\",\"object\":\"chat.completion.chunk\","
          + "\"created\":1782955818,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\","
          + "\"system_fingerprint\":\"fp_d0469e1700\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
          + "\" Paris\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";

  private Buffer request;
  private Buffer completion;
  private byte[] completionBytes;
  private Buffer chunk;

  @Setup
  public void setUp() {
    request = Buffer.buffer(REQUEST);
    completion = Fixtures.bytes("openai-compatible", "openai-chat-nonstream-reasoning.json");
    completionBytes = completion.getBytes();
    chunk = Buffer.buffer(CHUNK);
  }

  @Benchmark
  public Object baselineJacksonTree() throws IOException {
    return JsonCodec.read(request);
  }

  @Benchmark
  public Object parseRequest() {
    ChatRequest parsed = ChatRequestParser.parse(request);
    return RoutingFieldsParser.parse(parsed);
  }

  @Benchmark
  public Buffer shapeAndWriteCompletion() throws IOException {
    ObjectNode body = (ObjectNode) JsonCodec.read(completion);
    ChunkShaper.shapeCompletion(body, "chatcmpl-0123456789abcdef", "openai/gpt-4o-mini", 1767225600L);
    return JsonCodec.write(body);
  }

  @Benchmark
  public Buffer shapeAndFrameChunk() throws IOException {
    ObjectNode node = (ObjectNode) JsonCodec.read(chunk);
    ChunkShaper.shapeChunk(node, "chatcmpl-0123456789abcdef", "openai/gpt-4o-mini", 1767225600L, true);
    Buffer frame = Buffer.buffer(512).appendString("data: ");
    return JsonCodec.writeTo(frame, node).appendString("\n\n");
  }

  @Benchmark
  public Buffer measureShapeAndWriteCompletion() throws IOException {
    ObjectNode body = (ObjectNode) ChatResponseSummarizer.parseBody(completion);
    Object measured = ChatResponseSummarizer.summarize(body);
    ChunkShaper.shapeCompletion(body, "chatcmpl-0123456789abcdef", "openai/gpt-4o-mini", 1767225600L);
    ChunkShaper.alignUsage(body);
    ChunkShaper.putCost(body, 0.000125);
    return measured == null ? null : JsonCodec.write(body);
  }

  /** The byte path for the same answer: scan (measuring it), restate usage, write with edits. */
  @Benchmark
  public Buffer measureAndRelayCompletion() {
    ChatCompletion relayed = ChatResponseSummarizer.relayable(completionBytes);
    RawObject raw = (RawObject) relayed.body();
    ObjectNode usage = raw.layout().usage();
    boolean hadCost = usage.has("cost");
    ObjectNode holder = ChunkShaper.holding(usage);
    boolean restated = ChunkShaper.alignUsage(holder);
    ChunkShaper.putCost(holder, 0.000125);
    Buffer out = Buffer.buffer(completionBytes.length + 256);
    new RawAnswerWriter("chatcmpl-0123456789abcdef", "openai/gpt-4o-mini", 1767225600L)
        .completion(raw, RawAnswerWriter.UsageEdit.of(restated, hadCost, usage), out);
    return out;
  }

  /** The byte path for the same chunk. */
  @Benchmark
  public Buffer scanAndFrameChunk() {
    RawObject raw = ChatAnswerScanner.relayable(chunk.getBytes(), true);
    Buffer frame = Buffer.buffer(512).appendString("data: ");
    new RawAnswerWriter("chatcmpl-0123456789abcdef", "openai/gpt-4o-mini", 1767225600L)
        .chunk(raw, true, RawAnswerWriter.UsageEdit.NONE, frame);
    return frame.appendString("\n\n");
  }

  public static void main(String[] args) throws Exception {
    BenchmarkRatios.run(ChatJsonBenchmark.class);
  }
}

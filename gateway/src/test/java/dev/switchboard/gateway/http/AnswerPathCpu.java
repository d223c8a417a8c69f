package dev.switchboard.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.bench.Fixtures;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.RawObject;
import dev.switchboard.gateway.provider.StreamTranslation;
import dev.switchboard.gateway.provider.openaicompat.ChatResponseSummarizer;
import dev.switchboard.gateway.provider.openaicompat.OpenAiAnswerPaths;
import io.vertx.core.buffer.Buffer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compares the CPU time of an OpenAI-compatible answer's way to a chat completions client on the
 * tree path (parse, measure, normalize, shape, write) and the byte path (scan, measure, write the
 * bytes with edits), alternating the two in one JVM and timing this thread's CPU, not the wall
 * clock: it holds on a machine others load. Run by {@code gateway/bench/jmh.sh AnswerPathCpu}.
 */
public final class AnswerPathCpu {
  private static final String ID = "chatcmpl-0123456789abcdef";
  private static final String MODEL = "mock/gpt-4o-mini";
  private static final long CREATED = 1767225600L;
  private static final double COST = 0.0001;
  private static long written;

  private AnswerPathCpu() {}

  private interface Op {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Map<String, Op[]> cases = new LinkedHashMap<>();
    byte[] mock = MOCK_COMPLETION.getBytes(StandardCharsets.UTF_8);
    cases.put("answer of the harness's mock (0.4 KB)", new Op[] {completion(mock, false), completion(mock, true)});
    byte[] real = Fixtures.bytes("openai-compatible", "openai-chat-nonstream-reasoning.json").getBytes();
    cases.put("answer openai-chat-nonstream-reasoning.json (3.4 KB)", new Op[] {completion(real, false), completion(real, true)});
    byte[] mockStream = mockStream();
    cases.put("stream of the harness's mock (9 chunks)", new Op[] {stream(mockStream, false), stream(mockStream, true)});
    byte[] realStream = Fixtures.bytes("openai-compatible", "openai-chat-stream-text-usage.sse").getBytes();
    cases.put("stream openai-chat-stream-text-usage.sse (13 chunks)", new Op[] {stream(realStream, false), stream(realStream, true)});
    for (Op[] pair : cases.values()) {
      medians(pair, 20); // warm-up
    }
    System.out.println("| answer | tree path µs CPU | byte path µs CPU | byte / tree |");
    System.out.println("|---|---|---|---|");
    for (Map.Entry<String, Op[]> entry : cases.entrySet()) {
      double[] median = medians(entry.getValue(), 31);
      System.out.printf("| %s | %.2f | %.2f | %.2f |%n",
          entry.getKey(), median[0] / 1000, median[1] / 1000, median[1] / median[0]);
    }
    System.out.println("(" + written + " bytes written)");
  }

  /** Returns the median CPU nanoseconds per run of each op, over rounds of 2,000 runs each. */
  private static double[] medians(Op[] pair, int rounds) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[][] perRun = new double[2][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int op = 0; op < 2; op++) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < 2000; i++) {
          pair[op].run();
        }
        perRun[op][round] = (threads.getCurrentThreadCpuTime() - start) / 2000.0;
      }
    }
    Arrays.sort(perRun[0]);
    Arrays.sort(perRun[1]);
    return new double[] {perRun[0][rounds / 2], perRun[1][rounds / 2]};
  }

  private static Op completion(byte[] body, boolean relay) {
    return () -> {
      Buffer out;
      if (relay) {
        RawObject raw = (RawObject) ChatResponseSummarizer.relayable(body).body();
        out = Buffer.buffer(body.length + 256);
        new RawAnswerWriter(ID, MODEL, CREATED).completion(raw, costed(raw), out);
      } else {
        ChatCompletion completion = OpenAiAnswerPaths.treeCompletion(Buffer.buffer(body));
        ChunkShaper.shapeCompletion(completion.body(), ID, MODEL, CREATED);
        ChunkShaper.alignUsage(completion.body());
        ChunkShaper.putCost(completion.body(), COST);
        out = JsonCodec.write(completion.body());
      }
      written += out.length();
    };
  }

  private static Op stream(byte[] sse, boolean relay) {
    return () -> {
      RawAnswerWriter writer = new RawAnswerWriter(ID, MODEL, CREATED);
      Buffer out = Buffer.buffer(4096);
      StreamTranslation translation = OpenAiAnswerPaths.translation(chunk -> {
        if (chunk instanceof RawObject raw && !raw.parsed()) {
          RawAnswerWriter.UsageEdit usage = costed(raw);
          ChatCodec.frame(out, json -> writer.chunk(raw, true, usage, json));
        } else {
          ChunkShaper.shapeChunk(chunk, ID, MODEL, CREATED, true);
          if (chunk.path("usage").isObject()) {
            ChunkShaper.alignUsage(chunk);
            ChunkShaper.putCost(chunk, COST);
          }
          out.appendString("data: ");
          JsonCodec.writeTo(out, chunk);
          out.appendString("\n\n");
        }
      }, relay);
      translation.feed(Buffer.buffer(sse));
      translation.end();
      written += out.length() + translation.completionText().length();
    };
  }

  private static RawAnswerWriter.UsageEdit costed(RawObject raw) {
    ObjectNode usage = raw.layout().usage();
    if (usage == null) {
      return RawAnswerWriter.UsageEdit.NONE;
    }
    boolean hadCost = usage.has("cost");
    ObjectNode holder = ChunkShaper.holding(usage);
    boolean restated = ChunkShaper.alignUsage(holder);
    ChunkShaper.putCost(holder, COST);
    return RawAnswerWriter.UsageEdit.of(restated, hadCost, usage);
  }

  /** The answer and stream of the harness's mock upstream (shared/bench/mock-upstream.js). */
  private static final String MOCK_COMPLETION =
      "{\"id\":\"chatcmpl-mock123\",\"object\":\"chat.completion\",\"created\":1767225600,\"model\":\"gpt-4o-mini\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello from the mock upstream.\"},"
          + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,"
          + "\"total_tokens\":19,\"prompt_tokens_details\":{\"cached_tokens\":0},"
          + "\"completion_tokens_details\":{\"reasoning_tokens\":0}},\"system_fingerprint\":\"fp_mock\"}";

  private static byte[] mockStream() {
    String head = "data: {\"id\":\"chatcmpl-mock123\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,"
        + "\"model\":\"gpt-4o-mini\",\"choices\":[";
    StringBuilder sse = new StringBuilder();
    sse.append(head).append("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    for (String word : new String[] {"Hello", " from", " the", " mock", " upstream", "."}) {
      sse.append(head).append("{\"index\":0,\"delta\":{\"content\":\"").append(word)
          .append("\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    }
    sse.append(head).append("{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n");
    sse.append(head).append("],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,\"total_tokens\":19}}\n\n");
    sse.append("data: [DONE]\n\n");
    return sse.toString().getBytes(StandardCharsets.UTF_8);
  }
}

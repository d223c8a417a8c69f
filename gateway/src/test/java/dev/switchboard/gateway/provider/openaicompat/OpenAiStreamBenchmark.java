package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.bench.BenchmarkRatios;
import dev.switchboard.gateway.bench.Fixtures;
import dev.switchboard.gateway.provider.sse.SseDecoder;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Measures decoding a whole recorded OpenAI-compatible stream the way {@code SseChunkStream} does:
 * SSE framing, a JSON tree per event, measuring (usage, finish, tools, text) and normalizing.
 * Baseline: the SSE framing alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class OpenAiStreamBenchmark {
  @Param({"openai-chat-stream-text-usage.sse", "openai-chat-stream-tool-call-usage.sse",
      "deepseek-reasoner-stream-usage.sse"})
  public String fixture;

  private Buffer stream;

  @Setup
  public void setUp() {
    stream = Fixtures.bytes("openai-compatible", fixture);
  }

  @Benchmark
  public void baselineSseFraming(Blackhole sink) {
    SseDecoder decoder = new SseDecoder(sink::consume);
    decoder.feed(stream);
    decoder.end();
  }

  @Benchmark
  public Object decodeMeasureNormalize(Blackhole sink) {
    ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
    AnswerNormalizer normalizer = new AnswerNormalizer(false);
    SseDecoder decoder = new SseDecoder(event -> {
      if (event.isDone()) {
        return;
      }
      try {
        JsonNode json = JsonCodec.mapper().readTree(event.data());
        accumulator.accept(json);
        normalizer.chunk((ObjectNode) json);
        sink.consume(json);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    });
    decoder.feed(stream);
    decoder.end();
    return accumulator.summary();
  }

  /** The whole translation as a chat completions client gets it: plain chunks scanned, not parsed. */
  @Benchmark
  public Object translateForChatClient(Blackhole sink) {
    return translate(sink, true);
  }

  /** The same translation with every chunk parsed into a tree (other dialects' clients). */
  @Benchmark
  public Object translateAsTrees(Blackhole sink) {
    return translate(sink, false);
  }

  private Object translate(Blackhole sink, boolean relay) {
    OpenAiStreamTranslation translation =
        new OpenAiStreamTranslation(sink::consume, new AnswerNormalizer(false), 1 << 20, relay);
    translation.feed(stream);
    translation.end();
    return translation.summary();
  }

  public static void main(String[] args) throws Exception {
    BenchmarkRatios.run(OpenAiStreamBenchmark.class);
  }
}

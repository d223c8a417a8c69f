package dev.switchboard.gateway.provider.anthropic;

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
 * Measures translating a whole recorded Anthropic Messages stream into OpenAI chunks, as the
 * adapter does. Baseline: the SSE framing alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class AnthropicStreamBenchmark {
  @Param({"anthropic-messages-stream-thinking.sse", "anthropic-messages-stream-tool-use-sdk-fixture.sse"})
  public String fixture;

  private Buffer stream;

  @Setup
  public void setUp() {
    stream = Fixtures.bytes("anthropic", fixture);
  }

  @Benchmark
  public void baselineSseFraming(Blackhole sink) {
    SseDecoder decoder = new SseDecoder(sink::consume);
    decoder.feed(stream);
    decoder.end();
  }

  @Benchmark
  public Object translate(Blackhole sink) {
    AnthropicStreamTranslator translator = new AnthropicStreamTranslator(sink::consume, false);
    SseDecoder decoder = new SseDecoder(translator::accept);
    decoder.feed(stream);
    decoder.end();
    return translator.summary();
  }

  public static void main(String[] args) throws Exception {
    BenchmarkRatios.run(AnthropicStreamBenchmark.class);
  }
}

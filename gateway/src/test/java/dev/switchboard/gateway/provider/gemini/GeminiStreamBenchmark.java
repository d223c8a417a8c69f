package dev.switchboard.gateway.provider.gemini;

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
 * Measures translating a whole recorded Gemini stream into OpenAI chunks, as the adapter does.
 * Baseline: the SSE framing alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class GeminiStreamBenchmark {
  @Param({"gemini-stream-thought-parts.sse"})
  public String fixture;

  private Buffer stream;

  @Setup
  public void setUp() {
    stream = Fixtures.bytes("gemini", fixture);
  }

  @Benchmark
  public void baselineSseFraming(Blackhole sink) {
    SseDecoder decoder = new SseDecoder(sink::consume);
    decoder.feed(stream);
    decoder.end();
  }

  @Benchmark
  public Object translate(Blackhole sink) {
    GeminiStreamTranslator translator = new GeminiStreamTranslator(sink::consume);
    translator.feed(stream);
    translator.end();
    return translator.summary();
  }

  public static void main(String[] args) throws Exception {
    BenchmarkRatios.run(GeminiStreamBenchmark.class);
  }
}

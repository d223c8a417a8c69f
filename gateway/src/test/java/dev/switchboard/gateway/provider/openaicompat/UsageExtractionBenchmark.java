package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.bench.BenchmarkRatios;
import dev.switchboard.gateway.bench.Fixtures;
import io.vertx.core.buffer.Buffer;
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
 * Measures reading usage from a parsed answer: the whole summary of a non-streamed completion
 * (usage, finish reason, tools, served model, provider cost) and the usage object alone.
 * Baseline: parsing the body into a tree, which the gateway does anyway.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class UsageExtractionBenchmark {
  @org.openjdk.jmh.annotations.Param({"openai-chat-nonstream-reasoning.json", "openrouter-nonstream-usage-cost.json"})
  public String fixture;

  private Buffer body;
  private JsonNode parsed;

  @Setup
  public void setUp() throws Exception {
    body = Fixtures.bytes("openai-compatible", fixture);
    parsed = ChatResponseSummarizer.parseBody(body);
  }

  @Benchmark
  public Object baselineParseBody() throws Exception {
    return ChatResponseSummarizer.parseBody(body);
  }

  @Benchmark
  public Object summarize() {
    return ChatResponseSummarizer.summarize(parsed);
  }

  @Benchmark
  public Object usageOnly() {
    return OpenAiUsageParser.findIn(parsed);
  }

  public static void main(String[] args) throws Exception {
    BenchmarkRatios.run(UsageExtractionBenchmark.class);
  }
}

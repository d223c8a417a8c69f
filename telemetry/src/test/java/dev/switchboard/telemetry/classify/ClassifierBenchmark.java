package dev.switchboard.telemetry.classify;

import dev.switchboard.telemetry.Classification;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Measures the CPU time of one classification (category and language together) on one thread:
 * the gateway load test's short greeting, a handful of short chat prompts, a coding agent's
 * request (system prompt, tools, tool result), a long pasted prose text, and a mix of typical
 * requests of a few KB. Each runs for the classifier as it was before the example model and the
 * broad vocabulary ({@code before}: categories.lexicon alone) and as it is ({@code current}), so
 * one run gives their ratio. Not part of {@code mvn verify}; run {@link #main} from the test
 * classpath (optionally with a benchmark-name regex).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
@Threads(1)
public class ClassifierBenchmark {
  @Param({"before", "current"})
  public String variant;

  private RequestClassifier classifier;
  private List<ClassifierInput> typical;
  private List<ClassifierInput> shortChats;
  private ClassifierInput hello;
  private ClassifierInput codingAgent;
  private ClassifierInput longProse;
  private int nextTypical;
  private int nextShort;

  @Setup
  public void setUp() {
    classifier = variant.equals("before")
        ? RequestClassifier.create(LanguageIdentifier.defaults(), TextCaps.defaults(),
            Lexicon.parse(Lexicon.resourceLines(Lexicon.RESOURCE)), 0)
        : RequestClassifier.withDefaults();
    typical = TypicalRequests.all();
    shortChats = TypicalRequests.shortChats();
    hello = shortChats.get(0);
    codingAgent = TypicalRequests.codingAgent();
    longProse = TypicalRequests.longProse();
    typical.forEach(classifier::classify); // builds the language model outside the measurement
  }

  @Benchmark
  public Classification classifyTypicalRequest() {
    ClassifierInput input = typical.get(nextTypical);
    nextTypical = nextTypical + 1 == typical.size() ? 0 : nextTypical + 1;
    return classifier.classify(input);
  }

  @Benchmark
  public Classification classifyGreeting() {
    return classifier.classify(hello);
  }

  @Benchmark
  public Classification classifyShortChat() {
    ClassifierInput input = shortChats.get(nextShort);
    nextShort = nextShort + 1 == shortChats.size() ? 0 : nextShort + 1;
    return classifier.classify(input);
  }

  @Benchmark
  public Classification classifyCodingAgent() {
    return classifier.classify(codingAgent);
  }

  @Benchmark
  public Classification classifyLongProse() {
    return classifier.classify(longProse);
  }

  public static void main(String[] args) throws RunnerException {
    String include = args.length > 0 ? args[0] : ClassifierBenchmark.class.getSimpleName();
    new Runner(new OptionsBuilder().include(include).build()).run();
  }
}

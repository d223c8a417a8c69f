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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Measures classification throughput (category and language together) on one thread over a mix of
 * typical requests of a few KB: coding with and without an agent prompt, a character-card chat,
 * questions in several languages, a long pasted document. Not part of {@code mvn verify}; run
 * {@link #main} from the test classpath.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
@Threads(1)
public class ClassifierBenchmark {
  private RequestClassifier classifier;
  private List<ClassifierInput> requests;
  private int next;

  @Setup
  public void setUp() {
    classifier = RequestClassifier.withDefaults();
    requests = TypicalRequests.all();
    requests.forEach(classifier::classify); // builds the language model outside the measurement
  }

  @Benchmark
  public Classification classifyTypicalRequest() {
    ClassifierInput input = requests.get(next);
    next = next + 1 == requests.size() ? 0 : next + 1;
    return classifier.classify(input);
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(ClassifierBenchmark.class.getSimpleName()).build()).run();
  }
}

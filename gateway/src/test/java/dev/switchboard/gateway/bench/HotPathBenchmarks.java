package dev.switchboard.gateway.bench;

import dev.switchboard.gateway.http.AnswerPathCpu;
import dev.switchboard.gateway.http.ChatJsonBenchmark;
import dev.switchboard.gateway.provider.anthropic.AnthropicStreamBenchmark;
import dev.switchboard.gateway.provider.gemini.GeminiStreamBenchmark;
import dev.switchboard.gateway.provider.openaicompat.OpenAiStreamBenchmark;
import dev.switchboard.gateway.provider.openaicompat.UsageExtractionBenchmark;
import dev.switchboard.gateway.routing.RouterBenchmark;
import dev.switchboard.gateway.usage.PromptTokensBenchmark;
import dev.switchboard.gateway.usage.UsageJournalingBenchmark;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the gateway's hot-path JMH benchmarks (not part of {@code mvn verify}) and prints a table
 * of ratios to each class's baseline; see the README's Performance section. Arguments pick
 * classes by simple name, e.g. {@code RouterBenchmark}; none runs all. {@code AnswerPathCpu} runs
 * {@link AnswerPathCpu} instead.
 */
public final class HotPathBenchmarks {
  private static final List<Class<?>> ALL = List.of(
      ChatJsonBenchmark.class, OpenAiStreamBenchmark.class, AnthropicStreamBenchmark.class,
      GeminiStreamBenchmark.class, UsageExtractionBenchmark.class, RouterBenchmark.class,
      PromptTokensBenchmark.class, UsageJournalingBenchmark.class);

  private HotPathBenchmarks() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("AnswerPathCpu")) {
      AnswerPathCpu.main(args); // CPU time, not JMH: see its Javadoc
      return;
    }
    List<Class<?>> chosen = new ArrayList<>();
    for (Class<?> type : ALL) {
      if (args.length == 0 || List.of(args).contains(type.getSimpleName())) {
        chosen.add(type);
      }
    }
    BenchmarkRatios.run(chosen.toArray(Class<?>[]::new));
  }
}

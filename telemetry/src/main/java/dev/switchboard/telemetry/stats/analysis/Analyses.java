package dev.switchboard.telemetry.stats.analysis;

import dev.switchboard.telemetry.stats.AggregateSource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Lists every analysis in the study's order, then the operational ones, and runs them by name. */
public final class Analyses {
  private static final List<Analysis> ALL =
      List.of(
          new SourceShare(),
          new OpenWeightModels(),
          new OpenWeightAuthors(),
          new SizeClasses(),
          new CategoryBySource(),
          new Reasoning(),
          new ToolCalls(),
          new Lengths(),
          new Categories(),
          new CategoryAuthors(),
          new AuthorCategories(),
          new Geography(),
          new Languages(),
          new Retention(),
          new CostVsUsage(),
          new PriceElasticity(),
          new Overview(),
          new Latency(),
          new Errors(),
          new Streaming(),
          new Attempts(),
          new Apps(),
          new IngressApis(),
          new CategoryLanguages(),
          new CacheHits(),
          new Tags());

  private Analyses() {}

  /** Returns every analysis: the study's 17 in its order, then the operational ones. */
  public static List<Analysis> all() {
    return ALL;
  }

  /** Finds an analysis by its URL name. */
  public static Optional<Analysis> find(String name) {
    return ALL.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /** Runs {@code analysis} over {@code source}; blocks while the store answers. */
  public static AnalysisResult run(Analysis analysis, AggregateSource source, StatsQuery query, Clock clock) {
    return analysis.run(AnalysisContext.resolve(source, query, clock));
  }
}

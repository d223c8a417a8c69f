package dev.switchboard.gateway.routing;

import dev.switchboard.config.BreakerConfig;
import dev.switchboard.config.RoutingStrategy;
import dev.switchboard.gateway.api.ProviderPreferences;
import dev.switchboard.gateway.bench.BenchmarkRatios;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
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

/**
 * Measures the router's decision per request: taking the targets' health snapshot and planning,
 * for each strategy over four targets. Baseline: the plain fallback over one target, the gateway's
 * most common route.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class RouterBenchmark {
  @Param({"FALLBACK", "WEIGHTED", "PRICE", "LATENCY", "LEAST_INFLIGHT"})
  public RoutingStrategy strategy;

  private final Router router = new StrategyRouter(new Random(7));
  private TargetMonitor monitor;
  private RouteRequest single;
  private RouteRequest four;

  @Setup
  public void setUp() {
    monitor = new TargetMonitor(
        new BreakerConfig(true, 5, 50, 20, 10, Duration.ofSeconds(30)), System::nanoTime);
    single = RouteRequest.of(Targets.route(RoutingStrategy.FALLBACK, Targets.plain("a", 0)));
    ResolvedRoute route = Targets.route(strategy,
        Targets.target("a", 0, 3, 0.15, 0.6), Targets.target("b", 1, 1, 0.10, 0.4),
        Targets.target("c", 2, 1, 0.30, 1.2), Targets.target("d", 3, 2, 0.05, 0.2));
    four = new RouteRequest(
        List.of(new RouteRequest.Candidate(route, null)), ProviderPreferences.none(), Set.of());
  }

  @Benchmark
  public RoutingPlan baselineFallbackOneTarget() {
    return plan(single);
  }

  @Benchmark
  public RoutingPlan fourTargets() {
    return plan(four);
  }

  private RoutingPlan plan(RouteRequest request) {
    List<TargetKey> keys = request.candidates().get(0).route().targets().stream()
        .map(ResolvedTarget::key).toList();
    return router.plan(request, monitor.snapshot(keys));
  }

  public static void main(String[] args) throws Exception {
    BenchmarkRatios.run(RouterBenchmark.class);
  }
}

package dev.switchboard.gateway.limits;

import static dev.switchboard.gateway.limits.BenchmarkMath.mean;
import static dev.switchboard.gateway.limits.BenchmarkMath.median;
import static dev.switchboard.gateway.limits.SharedLimitsBenchmark.CALLERS;
import static dev.switchboard.gateway.limits.SharedLimitsBenchmark.latencies;
import static dev.switchboard.gateway.limits.SharedLimitsBenchmark.throughput;

import dev.switchboard.gateway.KeyedGateway;

/**
 * Measures what a budget shared through Redis costs per request, in one run: a keyed gateway
 * without {@code state.redis} (key with rpm, tpm and budgets: all in process), and one with a real
 * redis-server serving two keys, one with the same rpm and tpm only (the shared limit's script) and
 * one with budgets too (plus the budget's MGET before it, and its charge after the answer). Not a
 * test (no timing assertions); run it by hand like {@link SharedLimitsBenchmark}.
 */
public final class SharedBudgetsBenchmark {
  private static final String LIMITS =
      "{\"name\":\"limits\",\"rpm\":100000000,\"tpm\":1000000000000,\"models\":[\"openai/*\"]}";
  private static final String BUDGETS =
      "{\"name\":\"budgets\",\"rpm\":100000000,\"tpm\":1000000000000,\"models\":[\"openai/*\"],"
          + "\"budget_usd_day\":1000000000,\"budget_usd_month\":1000000000}";

  private SharedBudgetsBenchmark() {}

  public static void main(String[] args) throws Exception {
    String body = KeyedGateway.chatBody("openai/gpt-4o-mini", false);
    try (SharedLimitsBenchmark.Pair pair = SharedLimitsBenchmark.Pair.start("sb-budget-bench")) {
      KeyedGateway local = pair.local();
      KeyedGateway shared = pair.shared();
      String localBudget = local.createKey(BUDGETS).get("key").asText();
      String sharedLimits = shared.createKey(LIMITS).get("key").asText();
      String sharedBudget = shared.createKey(BUDGETS).get("key").asText();
      for (int round = 0; round < 3; round++) {
        double[] l = latencies(local, localBudget, body);
        double[] s = latencies(shared, sharedLimits, body);
        double[] b = latencies(shared, sharedBudget, body);
        double lRps = throughput(local, localBudget, body);
        double sRps = throughput(shared, sharedLimits, body);
        double bRps = throughput(shared, sharedBudget, body);
        System.out.printf("round %d: c=1 median local budget+limits %.3f ms, redis limits %.3f ms,"
                + " redis budget+limits %.3f ms (vs local %.3f, vs redis limits %.3f; mean vs local %.3f);"
                + " c=%d local %.0f req/s, redis limits %.0f, redis budget+limits %.0f (vs local %.3f,"
                + " vs redis limits %.3f)%n",
            round, median(l), median(s), median(b), median(b) / median(l), median(b) / median(s),
            mean(b) / mean(l), CALLERS, lRps, sRps, bRps, bRps / lRps, bRps / sRps);
      }
      double fallbacks = shared.harness().gateway().metrics()
          .get("gateway.budget.store.fallbacks").functionCounter().count();
      System.out.printf("budget fallbacks during the run: %.0f%n", fallbacks);
    }
    System.exit(0);
  }
}

package dev.switchboard.gateway.limits;

import static dev.switchboard.gateway.limits.BenchmarkMath.check;
import static dev.switchboard.gateway.limits.BenchmarkMath.mean;
import static dev.switchboard.gateway.limits.BenchmarkMath.median;

import dev.switchboard.config.SecretRef;
import dev.switchboard.config.StateConfig;
import dev.switchboard.gateway.KeyedGateway;
import dev.switchboard.gateway.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Measures what shared limits cost per request against in-process limits: two keyed gateways in
 * one JVM, one with {@code state.redis} (a real redis-server) and one without, the same key with
 * rpm and tpm, in front of WireMock; sequential latency and throughput at 32 concurrent callers.
 * Not a test (no timing assertions); run it by hand:
 *
 * <pre>java -cp gateway/target/test-classes:gateway/target/classes:$(deps) \
 *   dev.switchboard.gateway.limits.SharedLimitsBenchmark</pre>
 */
public final class SharedLimitsBenchmark {
  private static final int SEQUENTIAL = 2_000;
  static final int CALLERS = 32;
  private static final long LOAD_MS = 5_000;
  private static final String KEY =
      "{\"name\":\"bench\",\"rpm\":100000000,\"tpm\":1000000000000,\"models\":[\"openai/*\"]}";

  private SharedLimitsBenchmark() {}

  public static void main(String[] args) throws Exception {
    String body = KeyedGateway.chatBody("openai/gpt-4o-mini", false);
    try (Pair pair = Pair.start("sb-shared-bench")) {
      KeyedGateway local = pair.local();
      KeyedGateway shared = pair.shared();
      String localKey = local.createKey(KEY).get("key").asText();
      String sharedKey = shared.createKey(KEY).get("key").asText();
      for (int round = 0; round < 3; round++) {
        double[] l = latencies(local, localKey, body);
        double[] s = latencies(shared, sharedKey, body);
        double lRps = throughput(local, localKey, body);
        double sRps = throughput(shared, sharedKey, body);
        System.out.printf("round %d: c=1 median local %.3f ms, redis %.3f ms (ratio %.3f), mean ratio %.3f;"
                + " c=%d local %.0f req/s, redis %.0f req/s (ratio %.3f)%n",
            round, median(l), median(s), median(s) / median(l), mean(s) / mean(l),
            CALLERS, lRps, sRps, sRps / lRps);
      }
      double fallbacks = shared.harness().gateway().metrics()
          .get("gateway.limits.store.fallbacks").functionCounter().count();
      System.out.printf("redis fallbacks during the run: %.0f%n", fallbacks);
    }
    System.exit(0);
  }

  /** Holds a redis-server and two keyed gateways answering from WireMock: one without Redis, one with. */
  record Pair(RedisServer redis, KeyedGateway local, KeyedGateway shared) implements AutoCloseable {
    static Pair start(String name) throws Exception {
      Path dir = Files.createTempDirectory(name);
      RedisServer redis = RedisServer.start(Files.createDirectories(dir.resolve("redis")));
      KeyedGateway local = new KeyedGateway(dir.resolve("local"));
      KeyedGateway shared = new KeyedGateway(dir.resolve("shared"),
          config -> config.withState(new StateConfig(SecretRef.parse(redis.url()))));
      local.stubUpstream("openai-chat-nonstream-reasoning.json");
      shared.stubUpstream("openai-chat-nonstream-reasoning.json");
      return new Pair(redis, local, shared);
    }

    @Override
    public void close() {
      shared.close();
      local.close();
      redis.close();
    }
  }

  static double[] latencies(KeyedGateway gateway, String key, String body) {
    for (int i = 0; i < SEQUENTIAL / 4; i++) {
      check(gateway.chat(key, body));
    }
    double[] ms = new double[SEQUENTIAL];
    for (int i = 0; i < SEQUENTIAL; i++) {
      long start = System.nanoTime();
      check(gateway.chat(key, body));
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    return ms;
  }

  static double throughput(KeyedGateway gateway, String key, String body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOAD_MS);
    List<Future<Long>> counts = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      counts.add(pool.submit(() -> {
        long done = 0;
        while (System.nanoTime() < deadline) {
          check(gateway.chat(key, body));
          done++;
        }
        return done;
      }));
    }
    long total = 0;
    for (Future<Long> count : counts) {
      total += count.get();
    }
    pool.shutdown();
    return total * 1000.0 / LOAD_MS;
  }
}

package dev.switchboard.gateway.limits;

import static dev.switchboard.gateway.limits.BenchmarkMath.check;
import static dev.switchboard.gateway.limits.BenchmarkMath.mean;
import static dev.switchboard.gateway.limits.BenchmarkMath.median;

import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.KeyedGateway;
import dev.switchboard.gateway.MutableClock;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.ChatRequestParser;
import dev.switchboard.gateway.auth.ApiKey;
import dev.switchboard.gateway.auth.Caller;
import dev.switchboard.gateway.auth.DuckDbKeyStore;
import dev.switchboard.gateway.auth.KeyCachePolicy;
import dev.switchboard.gateway.auth.KeyDirectory;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.store.DuckDbUsageStore;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Measures what keys and limits add per request, as a ratio against auth mode {@code none}: the
 * hot-path check alone (secret hash, cache hit, state check, admission with rpm/tpm buckets,
 * settlement) in a loop, and whole requests through two real gateways in front of WireMock. Not a
 * test (no timing assertions); run it by hand:
 *
 * <pre>java -cp gateway/target/test-classes:gateway/target/classes:$(deps) \
 *   dev.switchboard.gateway.limits.AccessOverheadBenchmark</pre>
 */
public final class AccessOverheadBenchmark {
  private static final int LOOP = 2_000_000;
  private static final int REQUESTS = 2_000;
  private static long sink;

  private AccessOverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    hotPath();
    if (!Arrays.asList(args).contains("--hot-path-only")) {
      endToEnd();
    }
    System.exit(0);
  }

  private static void hotPath() throws Exception {
    Vertx vertx = Vertx.vertx();
    MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    try (DuckDbUsageStore store = DuckDbUsageStore.inMemory()) {
      KeyDirectory keys = new KeyDirectory(
          DuckDbKeyStore.open(vertx, store), clock, null, List.of(), KeyCachePolicy.EMBEDDED);
      String secret = keys.create(edit -> edit.name("bench").rpm(100_000_000).tpm(Long.MAX_VALUE / 4)
              .models(List.of("openai/*")).budgetUsdDay(1e12))
          .toCompletionStage().toCompletableFuture().get().secret();
      keys.lookup(secret).get(); // load into the cache once
      SpendLedger ledger = new SpendLedger(clock);
      KeyAccessPolicy policy = new KeyAccessPolicy(new LocalRateLimiter(clock), ledger, Map.of());
      ChatRequest request = ChatRequestParser.parse(Buffer.buffer(KeyedGateway.chatBody("openai/gpt-4o-mini", false)));
      UsageRecord record = UsageRecord.builder("bench", clock.instant())
          .usage(new TokenUsage(20L, 10L, null, null, null)).cost(1e-6, false).attempts(1).build();

      Supplier<Long> none = () -> {
        Admission a = policy.admit(Caller.anonymous(), request).result();
        a.settlement().accept(record);
        return (long) a.headers().size();
      };
      Supplier<Long> keyed = () -> {
        Optional<ApiKey> key = keys.lookup(secret).join();
        if (key.get().unusableReason(clock.instant()) != null) {
          throw new IllegalStateException();
        }
        Admission a = policy.admit(Caller.withKey(key.get()), request).result();
        a.settlement().accept(record);
        return (long) a.headers().size();
      };
      for (int round = 0; round < 3; round++) {
        double noneNs = nanosPerOp(none);
        double keyedNs = nanosPerOp(keyed);
        System.out.printf("hot path round %d: none %.0f ns/op, keys+limits %.0f ns/op, ratio %.2f%n",
            round, noneNs, keyedNs, keyedNs / noneNs);
      }
    } finally {
      vertx.close();
    }
  }

  private static double nanosPerOp(Supplier<Long> op) {
    for (int i = 0; i < LOOP / 4; i++) {
      sink += op.get();
    }
    long start = System.nanoTime();
    for (int i = 0; i < LOOP; i++) {
      sink += op.get();
    }
    return (System.nanoTime() - start) / (double) LOOP;
  }

  private static void endToEnd() throws Exception {
    Path dir = Files.createTempDirectory("sb-bench");
    String body = KeyedGateway.chatBody("openai/gpt-4o-mini", false);
    try (GatewayHarness open = new GatewayHarness(dir.resolve("none"));
        KeyedGateway keyed = new KeyedGateway(dir.resolve("keys"))) {
      open.upstream().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/v1/chat/completions")
          .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
              .withHeader("Content-Type", "application/json")
              .withBody(GatewayHarness.fixture("openai-chat-nonstream-reasoning.json"))));
      keyed.stubUpstream("openai-chat-nonstream-reasoning.json");
      String secret = keyed.createKey("{\"name\":\"bench\",\"rpm\":100000000,\"tpm\":1000000000000,"
          + "\"budget_usd_day\":1000000,\"models\":[\"openai/*\"]}").get("key").asText();
      for (int round = 0; round < 3; round++) {
        double[] none = latencies(() -> open.post(KeyedGateway.CHAT, body));
        double[] keys = latencies(() -> keyed.chat(secret, body));
        System.out.printf("end to end round %d (%d sequential requests): none median %.3f ms mean %.3f ms;"
                + " keys+limits median %.3f ms mean %.3f ms; ratio median %.3f mean %.3f%n",
            round, REQUESTS, median(none), mean(none), median(keys), mean(keys),
            median(keys) / median(none), mean(keys) / mean(none));
      }
    }
  }

  private static double[] latencies(Supplier<HttpResponse<String>> call) {
    for (int i = 0; i < REQUESTS / 4; i++) {
      check(call.get());
    }
    double[] ms = new double[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      long start = System.nanoTime();
      check(call.get());
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    return ms;
  }
}

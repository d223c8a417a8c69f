package dev.switchboard.gateway.teams;

import dev.switchboard.gateway.KeyedGateway;
import dev.switchboard.gateway.MutableClock;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.ChatRequestParser;
import dev.switchboard.gateway.auth.ApiKey;
import dev.switchboard.gateway.auth.Caller;
import dev.switchboard.gateway.auth.DuckDbKeyStore;
import dev.switchboard.gateway.auth.KeyCachePolicy;
import dev.switchboard.gateway.auth.KeyDirectory;
import dev.switchboard.gateway.limits.AccessPolicy;
import dev.switchboard.gateway.limits.Admission;
import dev.switchboard.gateway.limits.KeyAccessPolicy;
import dev.switchboard.gateway.limits.LocalRateLimiter;
import dev.switchboard.gateway.limits.SpendLedger;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.store.DuckDbUsageStore;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Measures the admission check (admit + settlement, the hot path) with three levels of budget
 * (organization, team, key: day and month budgets on each, rpm/tpm on team and organization, an
 * end-user cap) against the key alone, in one run, as a ratio. Not a test (no timing assertions);
 * run it by hand:
 *
 * <pre>java -cp gateway/target/test-classes:gateway/target/classes:$(deps) \
 *   dev.switchboard.gateway.teams.TeamAdmissionBenchmark</pre>
 */
public final class TeamAdmissionBenchmark {
  private static final int LOOP = 1_000_000;
  private static long sink;

  private TeamAdmissionBenchmark() {}

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    try (DuckDbUsageStore store = DuckDbUsageStore.inMemory()) {
      KeyDirectory keys = new KeyDirectory(
          DuckDbKeyStore.open(vertx, store), clock, null, List.of(), KeyCachePolicy.EMBEDDED);
      ApiKey alone = key(keys, "alone");
      ApiKey nested = key(keys, "nested");
      TeamDirectory teams = TeamDirectory.load(vertx, DuckDbTeamStore.open(store));
      await(teams.saveTeam("org", true, t -> team("org", null)));
      await(teams.saveTeam("ml", true, t -> team("ml", "org")));
      await(teams.saveKeyGovernance(nested.id(), g -> new KeyGovernance(g.keyId(), "ml", 1e12, null)));
      LocalRateLimiter limiter = new LocalRateLimiter(clock);
      SpendLedger ledger = new SpendLedger(clock);
      KeyAccessPolicy keyPolicy = new KeyAccessPolicy(limiter, ledger, Map.of());
      AccessPolicy policy = new TeamAccessPolicy(keyPolicy, teams, limiter, ledger, null);
      ChatRequest request = ChatRequestParser.parse(Buffer.buffer(KeyedGateway.chatBody("openai/gpt-4o-mini", false)));
      MultiMap headers = MultiMap.caseInsensitiveMultiMap();
      UsageRecord record = UsageRecord.builder("bench", clock.instant())
          .usage(new TokenUsage(20L, 10L, null, null, null)).cost(1e-6, false).attempts(1).build();
      for (int round = 0; round < 3; round++) {
        double keyOnly = nanosPerOp(keyPolicy, Caller.withKey(alone), request, headers, record);
        double keyThroughTeams = nanosPerOp(policy, Caller.withKey(alone), request, headers, record);
        double threeLevels = nanosPerOp(policy, Caller.withKey(nested), request, headers, record);
        System.out.printf("round %d: key alone %.0f ns/op, key alone behind the team policy %.0f ns/op (%.2fx),"
                + " org+team+key+end user %.0f ns/op (%.2fx)%n",
            round, keyOnly, keyThroughTeams, keyThroughTeams / keyOnly, threeLevels, threeLevels / keyOnly);
      }
    } finally {
      vertx.close();
    }
    System.exit(0);
  }

  private static ApiKey key(KeyDirectory keys, String name) throws Exception {
    return keys.create(edit -> edit.name(name).rpm(100_000_000).tpm(Long.MAX_VALUE / 4)
            .models(List.of("openai/*")).budgetUsdDay(1e12).budgetUsdMonth(1e12))
        .toCompletionStage().toCompletableFuture().get().key();
  }

  private static Team team(String id, String parent) {
    return new Team(id, null, parent, List.of(), null, 100_000_000, Long.MAX_VALUE / 4, 1e12, 1e12, 1e12, null,
        Instant.EPOCH, false);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get();
  }

  private static double nanosPerOp(
      AccessPolicy policy, Caller caller, ChatRequest request, MultiMap headers, UsageRecord record) {
    for (int i = 0; i < LOOP / 4; i++) {
      sink += once(policy, caller, request, headers, record);
    }
    long start = System.nanoTime();
    for (int i = 0; i < LOOP; i++) {
      sink += once(policy, caller, request, headers, record);
    }
    return (System.nanoTime() - start) / (double) LOOP;
  }

  private static long once(AccessPolicy policy, Caller caller, ChatRequest request, MultiMap headers, UsageRecord record) {
    Admission a = policy.admit(caller, request, headers).result();
    if (!a.isGranted()) {
      throw new IllegalStateException(a.refusal().message());
    }
    a.settlement().accept(record);
    return a.headers().size();
  }
}

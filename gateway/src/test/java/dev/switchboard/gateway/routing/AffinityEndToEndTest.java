package dev.switchboard.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.switchboard.gateway.routing.RoutingHarness.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.AffinityConfig;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.PriceCap;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.RoutingConfig;
import dev.switchboard.config.RoutingStrategy;
import dev.switchboard.config.StateConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.TargetTimeouts;
import dev.switchboard.gateway.RedisServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks session affinity through the real server under a weighted route: a session's turns stay
 * on one target, move when it fails or is rate limited and stay where they moved, and two gateways
 * sharing a real Redis send a session to the same target.
 */
class AffinityEndToEndTest {
  static final String MODEL = "s/weighted";

  @TempDir Path dir;

  static ModelRoute weightedRoute() {
    return new ModelRoute(
        MODEL, List.of(target("a"), target("b")), RoutingStrategy.WEIGHTED);
  }

  private static RouteTarget target(String provider) {
    return new RouteTarget(provider, "w-" + provider, null, 1, null, PriceCap.none(), TargetTimeouts.inherit());
  }

  static RoutingConfig affinityOn() {
    return RoutingConfig.defaults().withAffinity(AffinityConfig.on());
  }

  static String servedBy(RoutingHarness harness, String session) {
    HttpResponse<String> response = harness.chat(body(MODEL, false), "x-session-id", session);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.headers().firstValue("x-switchboard-provider").orElseThrow();
  }

  @Test
  void aSessionsTurnsStayOnOneTargetWhileSessionsSpreadByWeight() {
    try (RoutingHarness harness =
        RoutingHarness.builder(dir).routing(affinityOn()).route(weightedRoute()).seed(7).start()) {
      harness.stubSuccess("a", false);
      harness.stubSuccess("b", false);
      Set<String> firstTargets = new HashSet<>();
      for (int session = 0; session < 12; session++) {
        String first = servedBy(harness, "session-" + session);
        firstTargets.add(first);
        for (int turn = 1; turn < 8; turn++) {
          assertThat(servedBy(harness, "session-" + session)).as("session %d turn %d", session, turn).isEqualTo(first);
        }
      }
      assertThat(firstTargets).containsExactlyInAnyOrder("a", "b");
      assertThat(harness.runtime().counters().count(RoutingCounters.AffinityOutcome.HIT)).isEqualTo(12 * 7);
      assertThat(harness.runtime().counters().count(RoutingCounters.AffinityOutcome.MISS)).isEqualTo(12);
    }
  }

  @Test
  void withoutAffinityTheSameTurnsSpreadOverBothTargets() {
    try (RoutingHarness harness = RoutingHarness.builder(dir).route(weightedRoute()).seed(7).start()) {
      harness.stubSuccess("a", false);
      harness.stubSuccess("b", false);
      Set<String> served = new HashSet<>();
      for (int turn = 0; turn < 20; turn++) {
        served.add(servedBy(harness, "session-0"));
      }
      assertThat(served).containsExactlyInAnyOrder("a", "b");
    }
  }

  @Test
  void aSessionMovesWhenItsTargetIsRateLimitedOrFailsAndStaysWhereItMoved() {
    try (RoutingHarness harness =
        RoutingHarness.builder(dir).routing(affinityOn()).route(weightedRoute()).manualTime().start()) {
      harness.stubSuccess("a", false);
      harness.stubSuccess("b", false);
      String first = servedBy(harness, "agent");
      String other = first.equals("a") ? "b" : "a";

      // a 429 cools the sticky target down: this turn falls back, and the session re-sticks there
      harness.stub(first, aResponse().withStatus(429).withHeader("Retry-After", "30")
          .withBody("{\"error\":{\"message\":\"slow down\"}}"));
      assertThat(servedBy(harness, "agent")).isEqualTo(other);
      harness.stubSuccess(first, false);
      for (int turn = 0; turn < 5; turn++) {
        assertThat(servedBy(harness, "agent")).isEqualTo(other);
      }
      // the first target is healthy again, but the session's cache is on the other one now
      harness.time().advance(Duration.ofSeconds(60));
      for (int turn = 0; turn < 5; turn++) {
        assertThat(servedBy(harness, "agent")).isEqualTo(other);
      }

      // a failing target moves it back, and it stays
      harness.stub(other, aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"down\"}}"));
      assertThat(servedBy(harness, "agent")).isEqualTo(first);
      harness.stubSuccess(other, false);
      for (int turn = 0; turn < 5; turn++) {
        assertThat(servedBy(harness, "agent")).isEqualTo(first);
      }
      assertThat(harness.runtime().counters().count(RoutingCounters.AffinityOutcome.MOVED)).isEqualTo(0);
    }
  }

  @Test
  void aSessionWhoseTargetsBreakerIsOpenIsCountedAsMoved() {
    try (RoutingHarness harness =
        RoutingHarness.builder(dir).routing(affinityOn()).route(weightedRoute()).manualTime().start()) {
      harness.stubSuccess("a", false);
      harness.stubSuccess("b", false);
      String first = servedBy(harness, "held");
      String other = first.equals("a") ? "b" : "a";
      // another session's 429 on the same deployment cools it down for everyone
      harness.stub(first, aResponse().withStatus(429).withHeader("Retry-After", "30"));
      for (int session = 0; session < 40 && !triedFirst(harness, first); session++) {
        servedBy(harness, "probe-" + session);
      }
      harness.stubSuccess(first, false);

      assertThat(servedBy(harness, "held")).isEqualTo(other);
      assertThat(harness.runtime().counters().count(RoutingCounters.AffinityOutcome.MOVED)).isEqualTo(1);
    }
  }

  private static boolean triedFirst(RoutingHarness harness, String provider) {
    return !harness.runtime().monitor().state(new TargetKey(provider, "w-" + provider)).available();
  }

  @Test
  void twoGatewaysSharingRedisSendASessionToTheSameTarget() throws Exception {
    Path redisDir = Files.createDirectories(dir.resolve("redis"));
    try (RedisServer redis = RedisServer.start(redisDir);
        RoutingHarness one = sharing(redis, "one", 1);
        RoutingHarness two = sharing(redis, "two", 2)) {
      for (RoutingHarness harness : List.of(one, two)) {
        harness.stubSuccess("a", false);
        harness.stubSuccess("b", false);
      }
      List<String> differing = new ArrayList<>();
      for (int session = 0; session < 20; session++) {
        String onOne = servedBy(one, "shared-" + session);
        for (int turn = 0; turn < 3; turn++) {
          if (!servedBy(two, "shared-" + session).equals(onOne) || !servedBy(one, "shared-" + session).equals(onOne)) {
            differing.add("shared-" + session);
          }
        }
      }
      assertThat(differing).isEmpty();
      // the map lives in Redis: one key per route and session, expiring
      assertThat(Long.parseLong(redis.command("DBSIZE"))).isEqualTo(20);
      String key = redis.command("RANDOMKEY");
      assertThat(key).startsWith("switchboard:affinity:" + MODEL + ":").doesNotContain("shared-");
      assertThat(redis.command("GET", key)).isIn("a:w-a", "b:w-b");
      assertThat(Long.parseLong(redis.command("PTTL", key))).isBetween(1L, 300_000L);
    }
  }

  @Test
  void aGatewayWhoseRedisIsGoneKeepsSessionsInItsOwnMemory() throws Exception {
    Path redisDir = Files.createDirectories(dir.resolve("redis"));
    RedisServer redis = RedisServer.start(redisDir);
    try (RoutingHarness harness = sharing(redis, "alone", 3)) {
      harness.stubSuccess("a", false);
      harness.stubSuccess("b", false);
      String first = servedBy(harness, "survivor");
      redis.close();
      for (int turn = 0; turn < 10; turn++) {
        assertThat(servedBy(harness, "survivor")).isEqualTo(first);
      }
      String later = servedBy(harness, "new-after-outage");
      for (int turn = 0; turn < 5; turn++) {
        assertThat(servedBy(harness, "new-after-outage")).isEqualTo(later);
      }
      assertThat(harness.runtime().affinity().fallbacks()).isPositive();
    } finally {
      redis.close();
    }
  }

  private RoutingHarness sharing(RedisServer redis, String name, long seed) throws Exception {
    return RoutingHarness.builder(Files.createDirectories(dir.resolve(name)))
        .routing(affinityOn())
        .state(new StateConfig(SecretRef.parse(redis.url())))
        .route(weightedRoute())
        .seed(seed)
        .start();
  }
}

package dev.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.PriceCap;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.RoutingConfig;
import dev.switchboard.config.RoutingStrategy;
import dev.switchboard.config.TargetTimeouts;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.telemetry.TokenUsage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what affinity is for (issue 20's "done when"): agent sessions through a weighted route
 * over two upstreams whose prompt caches only hit a prefix they saw themselves. With affinity the
 * cache hit share (cached read tokens / prompt tokens, from the usage records) equals that of one
 * fixed target; without it, every turn on the other upstream pays full price.
 */
class AffinityCacheShareEndToEndTest {
  private static final int SESSIONS = 6;
  private static final int TURNS = 10;
  private static final String FILLER = "Follow the repository's conventions. ".repeat(100);

  @TempDir Path dir;

  @Test
  void withAffinityAWeightedRouteHitsThePromptCacheAsOftenAsOneFixedTarget() throws Exception {
    double fixed;
    double sticky;
    double spread;
    try (PromptCacheUpstream x = new PromptCacheUpstream();
        PromptCacheUpstream y = new PromptCacheUpstream()) {
      try (RoutingHarness on = harness(AffinityEndToEndTest.affinityOn(), "on", x, y)) {
        fixed = cacheShare(on, "agent/fixed", "F");
        sticky = cacheShare(on, "agent/weighted", "A");
      }
      try (RoutingHarness off = harness(RoutingConfig.defaults(), "off", x, y)) {
        spread = cacheShare(off, "agent/weighted", "N");
      }
    }
    System.out.printf(
        "cache hit share over %d sessions x %d turns: one fixed target %.4f, weighted with affinity"
            + " %.4f, weighted without affinity %.4f%n",
        SESSIONS, TURNS, fixed, sticky, spread);
    assertThat(sticky).isCloseTo(fixed, within(1e-9));
    assertThat(fixed).isGreaterThan(0.8);
    assertThat(spread).isLessThan(fixed - 0.1);
  }

  private RoutingHarness harness(RoutingConfig routing, String name, PromptCacheUpstream x, PromptCacheUpstream y)
      throws Exception {
    return RoutingHarness.builder(Files.createDirectories(dir.resolve(name)))
        .routing(routing)
        .provider("x", x.port())
        .provider("y", y.port())
        .route(new ModelRoute("agent/weighted", List.of(target("x"), target("y")), RoutingStrategy.WEIGHTED))
        .route(new ModelRoute("agent/fixed", List.of(target("x"))))
        .seed(20)
        .start();
  }

  private static RouteTarget target(String provider) {
    return new RouteTarget(provider, "agent-model", null, 1, null, PriceCap.none(), TargetTimeouts.inherit());
  }

  /** Runs the agent sessions on {@code model} and returns cached read / prompt tokens over all turns. */
  private static double cacheShare(RoutingHarness harness, String model, String run) {
    long prompt = 0;
    long cached = 0;
    for (int session = 0; session < SESSIONS; session++) {
      ObjectNode body = JsonCodec.object().put("model", model).put("stream", false);
      // Claude Code's metadata.user_id shape, as the Messages dialect hands it on in user
      body.put("user", "user_5e1f_account_0000_session_" + run + "-" + session + "-3b7c-4d1e-9f00");
      ArrayNode messages = body.putArray("messages");
      messages.addObject().put("role", "system").put("content", "Run " + run + ", agent " + session + ". " + FILLER);
      for (int turn = 0; turn < TURNS; turn++) {
        messages.addObject().put("role", "user").put("content", "Step " + turn + " tool result: " + "line of the file that was read; ".repeat(60));
        HttpResponse<String> response = harness.chat(body.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        TokenUsage usage = harness.recordOf(response).usage();
        prompt += usage.promptTokens();
        cached += usage.cachedReadTokens();
        messages.addObject().put("role", "assistant").put("content", "Done.");
      }
    }
    return (double) cached / prompt;
  }
}

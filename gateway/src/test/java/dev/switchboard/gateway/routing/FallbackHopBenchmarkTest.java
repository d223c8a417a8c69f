package dev.switchboard.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.switchboard.gateway.routing.RoutingHarness.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.BreakerConfig;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.RoutingConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures what a fast-failing fallback hop adds to a request: the median client-side latency of
 * requests whose first target fails at once (HTTP 503, or connection refused) against requests
 * served directly. A benchmark that logs its numbers; it asserts only that every request succeeded.
 */
class FallbackHopBenchmarkTest {
  private static final Logger LOG = LoggerFactory.getLogger(FallbackHopBenchmarkTest.class);
  private static final int WARMUP = 50;
  private static final int SAMPLES = 200;

  @TempDir Path dir;

  @Test
  void measureTheAddedLatencyOfAFastFailingFallbackHop() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort(); // nothing listens here once closed: connection refused
    }
    try (RoutingHarness harness =
        RoutingHarness.builder(dir)
            // breakers off, so that every hop request really tries the failing target first
            .routing(RoutingConfig.defaults().withBreaker(BreakerConfig.disabled()))
            .provider("refused", closedPort)
            .route(new ModelRoute("bench/direct", List.of(new RouteTarget("b", "model-b", null))))
            .route(
                new ModelRoute(
                    "bench/hop-503",
                    List.of(new RouteTarget("a", "model-a", null), new RouteTarget("b", "model-b", null))))
            .route(
                new ModelRoute(
                    "bench/hop-refused",
                    List.of(new RouteTarget("refused", "x", null), new RouteTarget("b", "model-b", null))))
            .start()) {
      harness.stub("a", aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"overloaded\"}}"));
      harness.stubSuccess("b", false);
      Map<String, long[]> samples = new LinkedHashMap<>();
      List<String> models = List.of("bench/direct", "bench/hop-503", "bench/hop-refused");
      models.forEach(m -> samples.put(m, new long[SAMPLES]));
      for (int i = 0; i < WARMUP; i++) {
        for (String model : models) {
          timed(harness, model);
        }
      }
      for (int i = 0; i < SAMPLES; i++) {
        for (String model : models) { // interleaved, so drift hits all three alike
          samples.get(model)[i] = timed(harness, model);
        }
      }
      double direct = median(samples.get("bench/direct"));
      List<String> lines = new ArrayList<>();
      for (String model : models) {
        double median = median(samples.get(model));
        lines.add(String.format(
            "%-18s median %.3f ms  p90 %.3f ms  vs direct: +%.3f ms, x%.2f",
            model, median, percentile(samples.get(model), 0.9), median - direct, median / direct));
      }
      LOG.info("Fallback hop latency over {} requests each (after {} warm-up):\n  {}",
          SAMPLES, WARMUP, String.join("\n  ", lines));
      assertThat(harness.calls("a")).isEqualTo(WARMUP + SAMPLES);
    }
  }

  private static long timed(RoutingHarness harness, String model) {
    long start = System.nanoTime();
    HttpResponse<String> response = harness.chat(body(model, false));
    long elapsed = System.nanoTime() - start;
    assertThat(response.statusCode()).isEqualTo(200);
    return elapsed;
  }

  private static double median(long[] nanos) {
    return percentile(nanos, 0.5);
  }

  private static double percentile(long[] nanos, double q) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
  }
}

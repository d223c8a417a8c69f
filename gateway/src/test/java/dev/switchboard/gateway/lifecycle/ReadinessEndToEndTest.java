package dev.switchboard.gateway.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.StateConfig;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.KeyedGateway;
import dev.switchboard.gateway.RedisServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks {@code /ready} through the real server: ready while the shared Redis answers, not ready
 * (503, the check named) while it is down and ready again when it is back, draining once a drain
 * has begun, while {@code /health} (liveness) stays 200 throughout.
 */
class ReadinessEndToEndTest {
  @TempDir Path dir;

  @Test
  void embeddedGatewayIsReadyWithOnlyItsConfigChecked() throws Exception {
    try (GatewayHarness harness = new GatewayHarness(dir)) {
      HttpResponse<String> ready = harness.get("/ready");

      assertThat(ready.statusCode()).isEqualTo(200);
      JsonNode body = KeyedGateway.read(ready.body());
      assertThat(body.get("status").asText()).isEqualTo("ready");
      assertThat(body.get("checks").get("config").asText()).isEqualTo("ok");
      assertThat(ready.headers().firstValue("cache-control")).hasValue("no-store");
    }
  }

  @Test
  void redisOutageMakesTheGatewayNotReadyButAlive() throws Exception {
    Path redisDir = Files.createDirectories(dir.resolve("redis"));
    RedisServer redis = RedisServer.start(redisDir);
    int port = redis.port();
    try (KeyedGateway gateway =
        new KeyedGateway(
            Files.createDirectories(dir.resolve("gw")),
            config -> config.withState(new StateConfig(SecretRef.parse(redis.url()))))) {
      GatewayHarness harness = gateway.harness();
      assertThat(harness.get("/ready").statusCode()).isEqualTo(200);
      assertThat(KeyedGateway.read(harness.get("/ready").body()).get("checks").get("redis").asText())
          .isEqualTo("ok");

      redis.close();
      HttpResponse<String> down = harness.get("/ready");
      assertThat(down.statusCode()).isEqualTo(503);
      JsonNode body = KeyedGateway.read(down.body());
      assertThat(body.get("status").asText()).isEqualTo("not_ready");
      assertThat(body.get("checks").get("redis").asText()).isNotEqualTo("ok");
      assertThat(harness.get("/health").statusCode()).isEqualTo(200);

      RedisServer again = RedisServer.start(redisDir, port);
      try {
        assertThat(awaitReady(harness)).isEqualTo(200);
      } finally {
        again.close();
      }
    }
  }

  @Test
  void drainingGatewayReportsDrainingAndClosesKeptAliveConnections() throws Exception {
    try (GatewayHarness harness = new GatewayHarness(dir)) {
      harness.gateway().readiness().startDraining();

      HttpResponse<String> ready = harness.get("/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(KeyedGateway.read(ready.body()).get("status").asText()).isEqualTo("draining");
      assertThat(harness.get("/health").headers().firstValue("connection")).hasValue("close");
    }
  }

  private static int awaitReady(GatewayHarness harness) throws InterruptedException {
    int status = 0;
    for (int i = 0; i < 100 && status != 200; i++) {
      status = harness.get("/ready").statusCode();
      if (status != 200) {
        Thread.sleep(100);
      }
    }
    return status;
  }
}

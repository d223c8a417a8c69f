package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrainConfigTest {

  @Test
  void drainDefaultsToThirtySecondsWithoutDelay() {
    ServerConfig server = ConfigLoader.parse("server: { port: 9000 }\n").server();

    assertThat(server.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(server.drainDelay()).isEqualTo(Duration.ZERO);
  }

  @Test
  void drainTimesAreRead() {
    ServerConfig server =
        ConfigLoader.parse("server: { drain_timeout_ms: 120000, drain_delay_ms: 5000 }\n").server();

    assertThat(server.drainTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(server.drainDelay()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void negativeOrHugeDrainTimesAreProblemsWithTheirPath() {
    assertThatThrownBy(
            () -> ConfigLoader.parse("server: { drain_timeout_ms: -1, drain_delay_ms: 3600001 }\n"))
        .isInstanceOf(InvalidConfigException.class)
        .extracting(e -> ((InvalidConfigException) e).problems())
        .isEqualTo(
            List.of(
                new ConfigProblem("server.drain_timeout_ms", "must be 0..3600000"),
                new ConfigProblem("server.drain_delay_ms", "must be 0..3600000")));
  }

  @Test
  void portAndCapChangesKeepTheDrainTimes() {
    ServerConfig server =
        ServerConfig.defaults()
            .withDrain(Duration.ofSeconds(7), Duration.ofSeconds(1))
            .withUpstreamCaps(5000, 6000)
            .withPort(1);

    assertThat(server.drainTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(server.drainDelay()).isEqualTo(Duration.ofSeconds(1));
  }
}

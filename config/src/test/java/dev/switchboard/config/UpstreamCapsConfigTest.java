package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamCapsConfigTest {

  @Test
  void capsDefaultTo32MiB() {
    ServerConfig server = ConfigLoader.parse("server: { port: 9000 }\n").server();

    assertThat(server.maxUpstreamBodyBytes()).isEqualTo(32L * 1024 * 1024);
    assertThat(server.maxUpstreamEventBytes()).isEqualTo(32 * 1024 * 1024);
  }

  @Test
  void capsAreRead() {
    ServerConfig server =
        ConfigLoader.parse(
                "server: { max_upstream_body_bytes: 1048576, max_upstream_event_bytes: 65536 }\n")
            .server();

    assertThat(server.maxUpstreamBodyBytes()).isEqualTo(1_048_576);
    assertThat(server.maxUpstreamEventBytes()).isEqualTo(65_536);
  }

  @Test
  void capsOutsideTheirRangeAreProblemsWithTheirPath() {
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "server: { max_upstream_body_bytes: -1, max_upstream_event_bytes: 2147483648 }\n"))
        .isInstanceOf(InvalidConfigException.class)
        .extracting(e -> ((InvalidConfigException) e).problems())
        .isEqualTo(
            List.of(
                new ConfigProblem("server.max_upstream_body_bytes", "must be 4096..1073741824"),
                new ConfigProblem("server.max_upstream_event_bytes", "must be 4096..1073741824")));
  }

  @Test
  void portChangeKeepsTheCaps() {
    ServerConfig server = ServerConfig.defaults().withUpstreamCaps(5000, 6000).withPort(1);

    assertThat(server.maxUpstreamBodyBytes()).isEqualTo(5000);
    assertThat(server.maxUpstreamEventBytes()).isEqualTo(6000);
  }
}

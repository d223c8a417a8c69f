package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetrySectionTest {

  private static TelemetryConfig telemetry(String section) {
    return ConfigLoader.parse("telemetry: " + section + "\n").telemetry();
  }

  private static List<String> problems(String section) {
    InvalidConfigException e =
        catchThrowableOfType(InvalidConfigException.class, () -> ConfigLoader.parse("telemetry: " + section + "\n"));
    assertThat(e).as("expected InvalidConfigException").isNotNull();
    return e.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void aFilePathIsADuckDbStoreAsBefore() {
    TelemetryConfig config = telemetry("{ store: /var/lib/switchboard/usage.duckdb }");
    assertThat(config.clickhouse()).isNull();
    assertThat(config.store()).isEqualTo(Path.of("/var/lib/switchboard/usage.duckdb"));
    assertThat(config.stateFile()).isEqualTo(TelemetryConfig.DEFAULT_STATE_FILE);
  }

  @Test
  void aClickHouseUrlNamesServerDatabaseUserAndPassword() {
    TelemetryConfig config = telemetry(
        "{ store: \"clickhouse://switchboard:s%40cret@ch.internal:9123/usage\", state_file: /srv/state.duckdb }");
    assertThat(config.clickhouse())
        .isEqualTo(new ClickHouseStore(false, "ch.internal", 9123, "usage", "switchboard", SecretRef.parse("s@cret")));
    assertThat(config.stateFile()).isEqualTo(Path.of("/srv/state.duckdb"));
    assertThat(config.describeStore()).isEqualTo("clickhouse://switchboard@ch.internal:9123/usage").doesNotContain("cret");
    assertThat(config.batchSize()).isEqualTo(TelemetryConfig.CLICKHOUSE_BATCH_SIZE);
    assertThat(config.flushInterval()).isEqualTo(TelemetryConfig.CLICKHOUSE_FLUSH_INTERVAL);
    assertThat(telemetry("{ store: \"clickhouse://h\", batch_size: 100 }").batchSize()).isEqualTo(100);
    assertThat(telemetry("{ store: \"clickhouse://h\", queue_capacity: 8192 }").batchSize()).isEqualTo(8192);
  }

  @Test
  void clickhousesMeansTlsOnPort8443AndDefaultsFillTheRest() {
    ClickHouseStore tls = ClickHouseStore.parse("clickhouses://ch.example.com");
    assertThat(tls).isEqualTo(new ClickHouseStore(true, "ch.example.com", 8443, "default", "default", SecretRef.none()));
    assertThat(ClickHouseStore.parse("clickhouse://[::1]/db").port()).isEqualTo(8123);
    assertThat(ClickHouseStore.parse("clickhouse://[::1]/db").host()).isEqualTo("::1");
  }

  @Test
  void thePasswordMayComeFromTheEnvironment() {
    ClickHouseStore store = telemetry("{ store: \"clickhouse://writer:${CH_PASSWORD}@127.0.0.1:8123/sb\" }").clickhouse();
    assertThat(store.password().envVar()).contains("CH_PASSWORD");
    assertThat(store.password().resolve(Map.of("CH_PASSWORD", "from-env")::get)).contains("from-env");
  }

  @Test
  void aMalformedClickHouseUrlIsAProblemWithItsPath() {
    assertThat(problems("{ store: \"clickhouse://u:p@host:99999/db\" }"))
        .containsExactly("telemetry.store: port must be 1-65535");
    assertThat(problems("{ store: \"clickhouse://u:p@/db\" }")).singleElement().asString()
        .startsWith("telemetry.store: not a ClickHouse location").doesNotContain("u:p");
    assertThat(problems("{ store: \"clickhouse://h/bad-name\" }")).hasSize(1);
  }
}

package dev.switchboard.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.telemetry.store.DuckDbUsageStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
  @TempDir Path dir;

  @Test
  void simulatesThroughItsOwnGatewayAndWritesTheGroundTruthOfWhatWasStored() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path store = dir.resolve("sim.duckdb");
    Path truth = dir.resolve("truth.json");

    int code = new SimulateCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(List.of("--users", "40", "--weeks", "3", "--rps", "0", "--latency-scale", "0", "--seed", "7",
            "--store", store.toString(), "--truth", truth.toString()));

    assertThat(code).isZero();
    String summary = out.toString(StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("simulated 3 weeks from 2024-12-02: ([0-9,]+) requests from 40 users").matcher(summary);
    assertThat(m.find()).as(summary).isTrue();
    long requests = Long.parseLong(m.group(1).replace(",", ""));
    assertThat(requests).isPositive();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("3/3 weeks");
    JsonNode file = new ObjectMapper().readTree(truth.toFile());
    assertThat(file.path("requests").asLong()).isEqualTo(requests);
    long rowRequests = 0;
    for (JsonNode row : file.path("rows")) {
      rowRequests += row.path("requests").asLong();
      assertThat(row.path("source").asText()).isIn("proprietary", "chinese_oss", "row_oss");
    }
    assertThat(rowRequests).isEqualTo(requests);
    assertThat(file.path("cohorts").size()).isPositive();
    try (DuckDbUsageStore stored = DuckDbUsageStore.open(store)) {
      assertThat(stored.count()).isEqualTo(requests);
    }
  }

  @Test
  void refusesBadArgumentsBeforeStartingAnything() {
    SimulateCommand command = new SimulateCommand();

    assertThatThrownBy(() -> command.run(List.of("--users", "0"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--users");
    assertThatThrownBy(() -> command.run(List.of("--rps", "fast"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--rps");
    assertThatThrownBy(() -> command.run(List.of("--gateway", "ftp://x"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> command.run(List.of("--warp", "9"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--warp");
    assertThatThrownBy(() -> command.run(List.of("--scenario", dir.resolve("missing.yaml").toString())))
        .isInstanceOf(Exception.class);
  }
}

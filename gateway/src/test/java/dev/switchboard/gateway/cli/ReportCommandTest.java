package dev.switchboard.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.telemetry.stats.analysis.Analyses;
import dev.switchboard.telemetry.store.DuckDbUsageStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code generate} then {@code report} on a store file, as a user would. */
class ReportCommandTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private Path generated(int records) {
    Path store = dir.resolve("usage.duckdb");
    int rc = new GenerateCommand(new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(List.of("--store", store.toString(), "--records", Integer.toString(records), "--days", "70"));
    assertThat(rc).isZero();
    return store;
  }

  private ReportCommand report() {
    return new ReportCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
  }

  @Test
  void markdownReportHasEveryAnalysisWithItsHeadlineFirst() {
    Path store = generated(3_000);
    try (DuckDbUsageStore s = DuckDbUsageStore.open(store)) {
      assertThat(s.count()).isEqualTo(3_000);
    }
    assertThat(report().run(List.of("--store", store.toString()))).isZero();
    String md = out.toString(StandardCharsets.UTF_8);
    assertThat(md).startsWith("# Switchboard usage report: 2025-06-02T00:00:00Z to ");
    assertThat(md).contains("(3000 records)");
    for (int i = 0; i < Analyses.all().size(); i++) {
      assertThat(md).contains("## " + (i + 1) + ". " + Analyses.all().get(i).name() + "\n");
    }
    assertThat(md).contains("## 1. source-share\n\nShare of tokens per bucket").contains("**open-weight share: ");
    assertThat(md).contains("| bucket | proprietary |");
    int analyses = dev.switchboard.telemetry.stats.analysis.Analyses.all().size();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(analyses + "/" + analyses + " done").contains("[##############################]");
  }

  @Test
  void jsonReportIsAnArrayOfEveryResultOverOneWindow() throws Exception {
    Path store = generated(1_000);
    assertThat(report().run(List.of("--store", store.toString(), "--from", "2025-06-09", "--to", "2025-07-01",
        "--format", "json"))).isZero();
    JsonNode all = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(all).hasSize(Analyses.all().size());
    for (JsonNode r : all) {
      assertThat(r.at("/window/from").asText()).isEqualTo("2025-06-09T00:00:00Z");
      assertThat(r.at("/window/to").asText()).isEqualTo("2025-07-01T00:00:00Z");
    }
    assertThat(all.get(16).get("analysis").asText()).isEqualTo("overview");
    assertThat(all.get(16).get("requests").asLong()).isPositive().isLessThan(1_000);
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> report().run(List.of())).hasMessageContaining("--store is required");
    assertThatThrownBy(() -> report().run(List.of("--store", dir.resolve("none.duckdb").toString())))
        .hasMessageContaining("no store file");
    assertThatThrownBy(() -> report().run(List.of("--store", "x", "--format", "pdf"))).hasMessageContaining("md or json");
    assertThatThrownBy(() -> report().run(List.of("--store", "x", "--from", "soon"))).hasMessageContaining("--from");
    assertThatThrownBy(() -> new GenerateCommand().run(List.of("--store", "x", "--records", "many")))
        .hasMessageContaining("--records");
  }
}

package dev.switchboard.telemetry.store;

import static dev.switchboard.telemetry.TestRecords.T0;
import static dev.switchboard.telemetry.TestRecords.success;
import static dev.switchboard.telemetry.TestRecords.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.catalog.SizeClass;
import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.Classification;
import dev.switchboard.telemetry.ModelFacts;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.ProviderAttempt;
import dev.switchboard.telemetry.TestRecords;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import dev.switchboard.telemetry.stats.AggregateQuery;
import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.TokenMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbUsageStoreTest {
  @TempDir Path dir;

  @Test
  void aFileStoreCapsDuckDbsBufferPoolSoTheGatewaysMemoryDoesNotGrowWithTheFile() throws Exception {
    try (DuckDbUsageStore store = DuckDbUsageStore.open(dir.resolve("capped.duckdb"));
        Connection c = store.reader();
        Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT current_setting('memory_limit')")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("76.2 MiB"); // 80 MB in DuckDB's units
    }
  }

  @Test
  void aFileStoreRunsDuckDbOnHalfTheCoresSoIdleWorkersDoNotWakeOnEveryAppend() throws Exception {
    int expected = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    try (DuckDbUsageStore store = DuckDbUsageStore.open(dir.resolve("threads.duckdb"));
        Connection c = store.reader();
        Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT current_setting('threads')")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(expected);
    }
  }

  @Test
  void createsParentDirectoriesAndPersistsAcrossReopen() {
    Path file = dir.resolve("nested/data/usage.duckdb");
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file)) {
      store.append(List.of(success("r1", T0, "gpt-4o", tokens(10, 5), 0.001)));
    }
    assertThat(Files.exists(file)).isTrue();
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file)) {
      assertThat(store.count()).isEqualTo(1);
      assertThat(store.findById("r1")).isPresent();
      store.append(List.of(success("r2", T0, "gpt-4o", tokens(1, 1), null)));
      assertThat(store.count()).isEqualTo(2);
    }
  }

  @Test
  void roundTripKeepsUnreportedTokensNullAndZerosZero() {
    UsageRecord unknown =
        new UsageRecord(
            "unknown", T0, null, null, null, "m", null, null, ModelFacts.unknown(), false,
            TokenUsage.unknown(), null, null, false, 0, null, null, 400, Outcome.CLIENT_ERROR,
            "invalid_request_error", 3, null, null, null, null,
            Classification.unclassified("no_text"), 0, false);
    UsageRecord zeros =
        new UsageRecord(
            "zeros", T0, "k", "u", "a", "m", "m", "p",
            new ModelFacts("x/m", "x", true, "CN", SizeClass.MEDIUM, true), true,
            new TokenUsage(0L, 0L, 0L, 0L, 0L), 0L, 0L, false, 0, null, "", 200,
            Outcome.CANCELLED, null, 0, 0L, 0.0, "", "",
            new Classification(Category.OTHER, 0.0, java.util.List.of(), "und", null), 1, true);
    try (DuckDbUsageStore store = DuckDbUsageStore.inMemory()) {
      store.append(List.of(unknown, zeros));
      assertThat(store.findById("unknown")).contains(unknown);
      assertThat(store.findById("zeros")).contains(zeros);
      assertThat(store.findById("missing")).isEmpty();
    }
  }

  @Test
  void keepsTheJudgesCategoryBesideTheLocalOneAndOldFilesReadAsUnjudged(@TempDir Path dir) throws Exception {
    UsageRecord judged = success("judged", T0, "gpt-4o", tokens(10, 5), 0.001).toBuilder().judgeCategory("Roleplay").build();
    UsageRecord plain = success("plain", T0.plusSeconds(1), "gpt-4o", tokens(10, 5), 0.001);
    Path file = dir.resolve("judge.duckdb");
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file)) {
      store.append(List.of(judged, plain));
      assertThat(store.findById("judged")).contains(judged);
      assertThat(store.findById("plain").orElseThrow().judgeCategory()).isNull();
      try (Connection c = store.reader(); Statement st = c.createStatement()) {
        st.execute("ALTER TABLE usage_records DROP COLUMN judge_category"); // a file from before the judge
      }
    }
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file)) {
      assertThat(store.findById("judged").orElseThrow().judgeCategory()).isNull();
      List<AggregateRow> rows = store.aggregates().aggregate(new AggregateQuery(T0.minusSeconds(60), T0.plusSeconds(60),
          null, List.of(Dimension.JUDGE_CATEGORY), Set.of(Measure.REQUESTS), Filter.none(), TokenMode.NATIVE));
      assertThat(rows).singleElement().satisfies(r -> assertThat(r.keys()).containsExactly(Dimension.UNJUDGED));
    }
  }

  @Test
  void tagsAreKeptFilteredOnAndGroupedOncePerTagAndOldFilesReadAsUntagged(@TempDir Path dir) throws Exception {
    UsageRecord both = success("both", T0, "gpt-4o", tokens(10, 5), 0.001).toBuilder().tags("batch,ml").build();
    UsageRecord ml = success("ml", T0.plusSeconds(1), "gpt-4o", tokens(10, 5), 0.002).toBuilder().tags("ml").build();
    UsageRecord none = success("none", T0.plusSeconds(2), "gpt-4o", tokens(10, 5), 0.004);
    Path file = dir.resolve("tags.duckdb");
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file)) {
      store.append(List.of(both, ml, none));
      assertThat(store.findById("both")).contains(both);
      assertThat(store.findById("none").orElseThrow().tags()).isNull();
      List<AggregateRow> byTag = tagQuery(store, List.of(Dimension.TAG), Filter.none());
      assertThat(byTag).extracting(r -> r.key(0) + "=" + r.get(Measure.COST_USD))
          .containsExactly("batch=0.001", "ml=0.003", "untagged=0.004");
      List<AggregateRow> batch = tagQuery(store, List.of(), Filter.none().withTags(Set.of("batch")));
      assertThat(batch).singleElement().satisfies(r -> assertThat(r.get(Measure.REQUESTS)).isEqualTo(1.0));
      List<AggregateRow> either = tagQuery(store, List.of(), Filter.none().withTags(Set.of("batch", "ml")));
      assertThat(either).singleElement().satisfies(r -> assertThat(r.get(Measure.REQUESTS)).isEqualTo(2.0));
      // a tag is matched whole, never as a part of another
      assertThat(tagQuery(store, List.of(), Filter.none().withTags(Set.of("m"))))
          .singleElement().satisfies(r -> assertThat(r.get(Measure.REQUESTS)).isZero());
      try (Connection c = store.reader(); Statement st = c.createStatement()) {
        st.execute("ALTER TABLE usage_records DROP COLUMN tags"); // a file from before tags
      }
    }
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file)) {
      assertThat(store.findById("both").orElseThrow().tags()).isNull();
      assertThat(tagQuery(store, List.of(Dimension.TAG), Filter.none()))
          .singleElement().satisfies(r -> assertThat(r.keys()).containsExactly(Dimension.UNTAGGED));
    }
  }

  private static List<AggregateRow> tagQuery(DuckDbUsageStore store, List<Dimension> dims, Filter filter) {
    return store.aggregates().aggregate(new AggregateQuery(T0.minusSeconds(60), T0.plusSeconds(60),
        null, dims, Set.of(Measure.REQUESTS, Measure.COST_USD), filter, TokenMode.NATIVE));
  }

  @Test
  void roundTripKeepsEveryFieldOfAFullRecord() {
    UsageRecord full =
        TestRecords.record(
            "full", T0, "claude-sonnet", "claude-sonnet-4-5-20250929", "anthropic",
            new TokenUsage(1532L, 50L, 20L, 1111L, 418L), Outcome.SUCCESS, 0.0026598);
    try (DuckDbUsageStore store = DuckDbUsageStore.inMemory()) {
      store.append(List.of(full));
      assertThat(store.findById("full")).contains(full);
    }
  }

  @Test
  void storesEachUpstreamAttemptInOrderAndReadsThemBackWithTheRecord() {
    List<ProviderAttempt> attempts =
        List.of(
            new ProviderAttempt("a", "m-a", 503, "http_error", 12),
            new ProviderAttempt("b", "m-b", null, "timeout_first_byte", 2000),
            new ProviderAttempt("c", "m-c", 200, null, 345));
    UsageRecord served =
        success("r-att", T0, "gpt-4o", tokens(3, 4), null).toBuilder()
            .attempts(3)
            .providerAttempts(attempts)
            .build();
    try (DuckDbUsageStore store = DuckDbUsageStore.inMemory()) {
      store.append(List.of(served, success("r-none", T0, "gpt-4o", tokens(1, 1), null)));

      UsageRecord read = store.findById("r-att").orElseThrow();
      assertThat(read.providerAttempts()).containsExactlyElementsOf(attempts);
      assertThat(read.providerAttempts().get(2).served()).isTrue();
      assertThat(read.attempts()).isEqualTo(3);
      assertThat(store.findById("r-none").orElseThrow().providerAttempts()).isEmpty();
    }
  }

  @Test
  void aRejectedBatchLeavesNoOrphanAttemptRows() throws Exception {
    // the attempts are valid and written first; the record without id then fails the batch
    UsageRecord valid =
        success("r-ok", T0, "m", tokens(1, 1), null).toBuilder()
            .providerAttempts(List.of(new ProviderAttempt("a", "m", 200, null, 1)))
            .build();
    UsageRecord invalid = success(null, T0, "m", tokens(1, 1), null);
    try (DuckDbUsageStore store = DuckDbUsageStore.inMemory()) {
      assertThatThrownBy(() -> store.append(List.of(valid, invalid))).isInstanceOf(UsageStoreException.class);
      assertThat(store.count()).isZero();
      try (Connection c = store.reader();
          Statement st = c.createStatement();
          var rs = st.executeQuery("SELECT count(*) FROM usage_attempts")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
    }
  }

  @Test
  void appendFailsLoudlyAndWritesNothingWhenOneRowIsInvalid() {
    UsageRecord invalid = success(null, T0, "m", tokens(1, 1), null);
    try (DuckDbUsageStore store = DuckDbUsageStore.inMemory()) {
      List<UsageRecord> batch =
          List.of(
              success("a", T0, "m", tokens(1, 1), null),
              invalid,
              success("b", T0, "m", tokens(1, 1), null));
      assertThatThrownBy(() -> store.append(batch)).isInstanceOf(UsageStoreException.class);
      assertThat(store.count()).isZero();
      store.append(List.of(success("c", T0, "m", tokens(1, 1), null)));
      assertThat(store.count()).isEqualTo(1);
    }
  }

  @Test
  void refusesAFileWrittenByANewerSchema() throws Exception {
    Path file = dir.resolve("usage.duckdb");
    try (DuckDbUsageStore store = DuckDbUsageStore.open(file);
        Connection c = store.reader();
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO schema_version VALUES (" + (UsageSchema.VERSION + 1) + ")");
    }
    assertThatThrownBy(() -> DuckDbUsageStore.open(file))
        .isInstanceOf(UsageStoreException.class)
        .hasRootCauseMessage("store schema version 2 is newer than supported version 1");
  }

  @Test
  void queriesRunWhileAnotherThreadAppends() throws Exception {
    try (DuckDbUsageStore store = DuckDbUsageStore.inMemory()) {
      Thread appender =
          new Thread(
              () -> {
                for (int b = 0; b < 50; b++) {
                  List<UsageRecord> batch = new ArrayList<>();
                  for (int i = 0; i < 100; i++) {
                    batch.add(success("r" + b + "-" + i, T0, "m", tokens(1, 1), null));
                  }
                  store.append(batch);
                }
              });
      appender.start();
      while (appender.isAlive()) {
        // Every overview sees whole batches only, since each append is one transaction.
        long requests = store.overview(T0, T0.plusSeconds(1)).requests();
        assertThat(requests % 100).isZero();
      }
      appender.join();
      assertThat(store.overview(T0, T0.plusSeconds(1)).requests()).isEqualTo(5000);
    }
  }

  @Test
  void closedStoreRefusesCalls() {
    DuckDbUsageStore store = DuckDbUsageStore.inMemory();
    store.close();
    store.close();
    assertThatThrownBy(() -> store.append(List.of(success("x", T0, "m", tokens(1, 1), null))))
        .isInstanceOf(IllegalStateException.class);
  }
}

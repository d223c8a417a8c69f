package dev.switchboard.telemetry.journal;

import static dev.switchboard.telemetry.TestRecords.T0;
import static dev.switchboard.telemetry.TestRecords.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.JournalConfig;
import dev.switchboard.telemetry.Classification;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.ProviderAttempt;
import dev.switchboard.telemetry.TestRecords;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedUsageJournalTest {
  @TempDir Path dir;

  private JournalConfig config(long segmentBytes, long maxBytes) {
    return new JournalConfig(true, dir, Duration.ofMillis(50), maxBytes, segmentBytes);
  }

  private JournalConfig roomy() {
    return config(64 << 10, 64 << 20);
  }

  @Test
  void aRecordNeverStoredIsReplayedAfterReopenCompleteWhenJournaledCompleteElseAsItsDraft() {
    UsageRecord twoStages = complete("r1");
    UsageRecord draftOnly = draftOf(complete("r2"));
    try (UsageJournal journal = UsageJournal.open(roomy())) {
      assertThat(journal.draft(draftOf(twoStages))).isTrue();
      assertThat(journal.draft(draftOnly)).isTrue();
      assertThat(journal.complete(twoStages)).isTrue();
      assertThat(journal.needsReplay()).isFalse(); // nothing from an earlier run, nothing orphaned
    } // a crash would leave the same files: close stores nothing

    try (UsageJournal reopened = UsageJournal.open(roomy())) {
      assertThat(reopened.needsReplay()).isTrue();
      List<UsageRecord> replayed = replayAll(reopened);

      assertThat(replayed).containsExactlyInAnyOrder(twoStages, draftOnly);
      assertThat(reopened.needsReplay()).isFalse();
      assertThat(reopened.stats().replayed()).isEqualTo(2);
    }
  }

  @Test
  void storedRecordsAreAcknowledgedAndNeverReplayed() {
    List<UsageRecord> stored = new ArrayList<>();
    try (UsageJournal journal = UsageJournal.open(roomy())) {
      for (int i = 0; i < 100; i++) {
        UsageRecord r = complete("r" + i);
        journal.draft(draftOf(r));
        journal.complete(r);
        stored.add(r);
      }
      journal.done(stored.subList(0, 60));
      journal.acknowledge();
      assertThat(journal.stats().pendingRecords()).isEqualTo(40);
      assertThat(journal.stats().unstoredBytes()).isPositive();
    }
    try (UsageJournal reopened = UsageJournal.open(roomy())) {
      assertThat(replayAll(reopened)).containsExactlyInAnyOrderElementsOf(stored.subList(60, 100));
      reopened.acknowledge();
      assertThat(reopened.stats().unstoredBytes()).isZero();
    }
    try (UsageJournal again = UsageJournal.open(roomy())) {
      assertThat(replayAll(again)).isEmpty(); // replayed once, then acknowledged
    }
  }

  @Test
  void segmentsRollAndThoseWhollyAcknowledgedAreDeleted() throws IOException {
    try (UsageJournal journal = UsageJournal.open(config(4096, 1 << 20))) {
      List<UsageRecord> records = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        UsageRecord r = complete("r" + i);
        assertThat(journal.complete(r)).isTrue();
        records.add(r);
      }
      assertThat(segments()).hasSizeGreaterThan(5);
      journal.done(records.subList(0, 100));
      journal.acknowledge();
      int afterHalf = segments().size();
      journal.done(records.subList(100, 200));
      journal.acknowledge();

      assertThat(segments().size()).isLessThan(afterHalf).isLessThanOrEqualTo(2); // the active one (+ a spare)
      assertThat(journal.stats().unstoredBytes()).isZero();
    }
    assertThat(segments()).isEmpty(); // everything stored: a clean close leaves only the ack
  }

  @Test
  void aTornLastEntryIsSkippedAndCountedWhileTheEntriesBeforeItReplay() throws IOException {
    UsageRecord first = complete("r1");
    UsageRecord second = complete("r2");
    UsageRecord third = complete("r3");
    try (UsageJournal journal = UsageJournal.open(roomy())) {
      journal.complete(first);
      journal.complete(second);
      journal.complete(third);
    }
    // a process killed mid-copy: the tail of the last entry never reached the page cache
    Path segment = segments().get(0);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      long lastByte = lastNonZero(segment);
      for (long p = lastByte - 20; p <= lastByte; p++) {
        file.seek(p);
        file.write(0);
      }
    }

    try (UsageJournal reopened = UsageJournal.open(roomy())) {
      assertThat(replayAll(reopened)).containsExactlyInAnyOrder(first, second);
      assertThat(reopened.stats().torn()).isEqualTo(1);
    }
  }

  @Test
  void aSegmentCutShortInTheMiddleOfAnEntryReplaysTheEntriesBeforeIt() throws IOException {
    UsageRecord first = complete("r1");
    UsageRecord second = complete("r2");
    try (UsageJournal journal = UsageJournal.open(roomy())) {
      journal.complete(first);
      journal.complete(second);
    }
    Path segment = segments().get(0);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(lastNonZero(segment) - 5);
    }

    try (UsageJournal reopened = UsageJournal.open(roomy())) {
      assertThat(replayAll(reopened)).containsExactly(first);
      assertThat(reopened.stats().torn()).isEqualTo(1);
    }
  }

  @Test
  void aFullJournalDropsAndCountsInsteadOfGrowingPastItsBound() throws IOException {
    try (UsageJournal journal = UsageJournal.open(config(4096, 3 * 4096))) {
      int accepted = 0;
      for (int i = 0; i < 500; i++) {
        if (journal.complete(complete("r" + i))) {
          accepted++;
        }
      }
      assertThat(accepted).isBetween(10, 499);
      assertThat(journal.stats().dropped()).isEqualTo(500 - accepted);
      assertThat(journal.stats().appended()).isEqualTo(accepted);
      long bytes = 0;
      for (Path p : segments()) {
        bytes += Files.size(p);
      }
      assertThat(bytes).isLessThanOrEqualTo(3 * 4096);
    }
  }

  @Test
  void recordsTheWriterLostAreReplayedInTheSameRunAndOnlyThose() {
    UsageRecord lost = complete("lost");
    UsageRecord queued = complete("queued");
    UsageRecord building = complete("building");
    try (UsageJournal journal = UsageJournal.open(roomy())) {
      journal.draft(draftOf(lost));
      journal.draft(draftOf(queued));
      journal.draft(draftOf(building)); // still being built: must not be stored from its draft
      journal.complete(lost);
      journal.complete(queued);
      journal.orphaned(List.of(lost));

      assertThat(journal.needsReplay()).isTrue();
      assertThat(replayAll(journal)).containsExactly(lost);
      assertThat(journal.needsReplay()).isFalse();
      assertThat(journal.stats().pendingRecords()).isEqualTo(2);
    }
  }

  @Test
  void theCodecKeepsEveryFieldNullsAndNonAsciiText() {
    UsageRecord full =
        complete("r1").toBuilder()
            .caller("key-ü", "用户", null)
            .classification(new Classification(null, 0.0, List.of(), "zh-Hans", "overload"))
            .providerAttempts(List.of(new ProviderAttempt("a", "m", null, "timeout_first_byte", 12),
                new ProviderAttempt("b", "m2", 200, null, 340)))
            .tags("batch,team-ml")
            .build();
    UsageRecord sparse = UsageRecord.builder("r2", T0).result(499, Outcome.CANCELLED, "cancelled").build();
    RecordCodec.Output out = new RecordCodec.Output();
    for (UsageRecord r : List.of(full, sparse)) {
      out.reset();
      RecordCodec.encode(r, out);
      assertThat(RecordCodec.decode(out.bytes, 0, out.size)).isEqualTo(r);
    }
  }

  @Test
  void anEntryWrittenBeforeTagsWereRecordedDecodesWithoutTags() {
    UsageRecord untagged = complete("r3");
    RecordCodec.Output out = new RecordCodec.Output();
    RecordCodec.encode(untagged, out);
    // a null string is one byte (length + 1 = 0): older entries end just before it
    assertThat(out.bytes[out.size - 1]).isZero();
    assertThat(RecordCodec.decode(out.bytes, 0, out.size - 1)).isEqualTo(untagged);
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
    }
  }

  private static long lastNonZero(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] != 0) {
        return i;
      }
    }
    return -1;
  }

  private static List<UsageRecord> replayAll(UsageJournal journal) {
    List<UsageRecord> replayed = new ArrayList<>();
    journal.replay(replayed::addAll, 7);
    return replayed;
  }

  static UsageRecord complete(String id) {
    TokenUsage usage = tokens(120, 40);
    return TestRecords.success(id, T0, "openai/gpt-4o", usage, 0.0012);
  }

  static UsageRecord draftOf(UsageRecord complete) {
    return complete.toBuilder()
        .normalizedTokens(null, null)
        .classification(Classification.unclassified(UsageJournal.REPLAYED))
        .build();
  }
}

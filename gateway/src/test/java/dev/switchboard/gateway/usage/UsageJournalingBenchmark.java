package dev.switchboard.gateway.usage;

import dev.switchboard.config.ClassifierConfig;
import dev.switchboard.config.JournalConfig;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.catalog.ModelCatalog;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.ChatRequestParser;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.routing.ResolvedTarget;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.UsageSink;
import dev.switchboard.telemetry.journal.UsageJournal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures what the answer path pays for the journal: {@link UsageRecorder#journal} on a draft
 * filled as a served request leaves it (build the draft record without token counting, encode,
 * copy into the mapped segment), from two threads as from two event loops, against the same step
 * with the journal disabled (which only takes the end time). The draft is opened and filled in
 * both, so the difference is the journal's. Not part of {@code mvn verify}: run through {@code
 * gateway/bench/jmh.sh UsageJournalingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
@Threads(2)
public class UsageJournalingBenchmark {
  private final ChatRequest request = ChatRequestParser.parse(Buffer.buffer(
      "{\"model\":\"openai/gpt-4o-mini\",\"user\":\"user-42\",\"messages\":[{\"role\":\"user\","
          + "\"content\":\"Why does my Rust borrow checker complain here?\"}]}"));
  private final ResolvedTarget target = new ResolvedTarget("openai/gpt-4o-mini",
      new ProviderConfig("openai", ProviderKind.OPENAI, URI.create("https://api.openai.com/v1"), SecretRef.none(), Map.of()),
      "gpt-4o-mini", ModelCatalog.loadDefault().find("openai/gpt-4o-mini"));
  private final ResponseSummary summary = new ResponseSummary(
      new TokenUsage(1200L, 340L, null, 1024L, null), FinishReason.STOP, "stop", 0, 1200, 0, "gpt-4o-mini-2024-07-18", null);
  private Vertx vertx;
  private ClassificationPool classification;
  private UsageJournal journal;
  private UsageRecorder journaled;
  private UsageRecorder plain;
  private Path dir;
  private Thread acknowledger;
  private final ArrayBlockingQueue<UsageDraft> finished = new ArrayBlockingQueue<>(1 << 20);
  private volatile boolean stop;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    vertx = Vertx.vertx();
    var registry = new SimpleMeterRegistry();
    classification = ClassificationPool.start(new ClassifierConfig(false, 1, 1), () -> null, registry);
    GatewayMetrics metrics = new GatewayMetrics(registry, Set.of("openai/gpt-4o-mini"));
    dir = Files.createTempDirectory(Path.of("target"), "jmh-journal");
    journal = UsageJournal.open(new JournalConfig(true, dir, Duration.ofSeconds(1),
        JournalConfig.DEFAULT_MAX_BYTES, JournalConfig.DEFAULT_SEGMENT_BYTES));
    journaled = new UsageRecorder(vertx, UsageSink.noop(), metrics, classification, Clock.systemUTC(), BodySink.noop(), journal);
    plain = new UsageRecorder(vertx, UsageSink.noop(), metrics, classification, Clock.systemUTC(), BodySink.noop());
    // nothing is stored here: forget the drafts as the writer does after storing them, so the
    // ack moves and segments roll and are deleted as in the gateway
    acknowledger = new Thread(() -> {
      List<UsageDraft> batch = new ArrayList<>();
      while (!stop) {
        finished.drainTo(batch);
        List<UsageRecord> stored = new ArrayList<>(batch.size());
        for (UsageDraft d : batch) {
          if (d.journaled != null) {
            stored.add(d.journaled);
          }
        }
        batch.clear();
        journal.done(stored);
        journal.acknowledge();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
    });
    acknowledger.setDaemon(true);
    acknowledger.start();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    stop = true;
    acknowledger.join();
    journaled.close();
    plain.close();
    classification.close();
    journal.close();
    UsageJournal.delete(new JournalConfig(true, dir, Duration.ofSeconds(1),
        JournalConfig.DEFAULT_MAX_BYTES, JournalConfig.DEFAULT_SEGMENT_BYTES));
    vertx.close();
  }

  private UsageDraft served(UsageRecorder recorder) {
    UsageDraft draft = recorder.open("demo-app");
    draft.caller("key_1", "DE", "Europe");
    draft.request(request);
    draft.target(target);
    draft.answer(summary, null);
    draft.outcome(200, Outcome.SUCCESS, null);
    return draft;
  }

  @Benchmark
  public UsageDraft baselineWithoutJournal() {
    UsageDraft draft = served(plain);
    plain.journal(draft);
    finished.offer(draft);
    return draft;
  }

  @Benchmark
  public UsageDraft journalDraft() {
    UsageDraft draft = served(journaled);
    journaled.journal(draft);
    finished.offer(draft); // as a hand-off to the builder thread: the same in both
    return draft;
  }
}

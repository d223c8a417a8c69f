package dev.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.TargetTimeouts;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The idle timer is one timer whose deadline each chunk moves (not a new timer per chunk): a
 * stream that keeps sending is never idle, however many idle periods it spans, and one that goes
 * quiet is. Margins are wide (chunks every 100 ms against a 1 s limit): no timing is asserted.
 */
class AttemptTimersTest {
  private static final Duration IDLE = Duration.ofSeconds(1);
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void chunksKeepAStreamAliveAcrossManyIdlePeriodsThenSilenceEndsIt() throws Exception {
    List<TimeoutKind> expired = new CopyOnWriteArrayList<>();
    CompletableFuture<Integer> chunksBeforeExpiry = new CompletableFuture<>();
    int[] chunks = {0};
    vertx.runOnContext(v -> {
      AttemptTimers timers = new AttemptTimers(vertx, new TargetTimeouts(null, null, IDLE, null));
      timers.start(kind -> {
        expired.add(kind);
        chunksBeforeExpiry.complete(chunks[0]);
      });
      vertx.setPeriodic(100, id -> {
        if (chunks[0] == 30) { // three idle periods of steady chunks, then silence
          vertx.cancelTimer(id);
          return;
        }
        chunks[0]++;
        timers.chunk();
      });
    });

    assertThat(chunksBeforeExpiry.get(30, TimeUnit.SECONDS)).isEqualTo(30);
    assertThat(expired).containsExactly(TimeoutKind.IDLE);
  }

  @Test
  void aPausedStreamIsNotIdleAndResumingStartsTheLimitAgain() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      AttemptTimers timers = new AttemptTimers(vertx, new TargetTimeouts(null, null, IDLE, null));
      timers.start(kind -> {
        events.add("expired " + kind);
        done.complete(null);
      });
      timers.chunk();
      timers.pause();
      vertx.setTimer(3 * IDLE.toMillis(), id -> {
        events.add("resumed");
        timers.resume();
      });
    });

    done.get(30, TimeUnit.SECONDS);
    assertThat(events).containsExactly("resumed", "expired IDLE");
  }

  @Test
  void noChunkAtAllRunsIntoTheFirstByteLimit() throws Exception {
    CompletableFuture<TimeoutKind> expired = new CompletableFuture<>();
    vertx.runOnContext(v -> new AttemptTimers(
            vertx, new TargetTimeouts(null, Duration.ofMillis(300), IDLE, Duration.ofSeconds(20)))
        .start(expired::complete));

    assertThat(expired.get(30, TimeUnit.SECONDS)).isEqualTo(TimeoutKind.FIRST_BYTE);
  }

  @Test
  void aStreamThatNeverGoesQuietStillEndsAtTheTotalLimit() throws Exception {
    CompletableFuture<TimeoutKind> expired = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      AttemptTimers timers = new AttemptTimers(
          vertx, new TargetTimeouts(null, Duration.ofSeconds(5), IDLE, Duration.ofMillis(1_500)));
      timers.start(expired::complete);
      long ticker = vertx.setPeriodic(100, id -> timers.chunk());
      expired.whenComplete((kind, t) -> vertx.cancelTimer(ticker));
    });

    assertThat(expired.get(30, TimeUnit.SECONDS)).isEqualTo(TimeoutKind.TOTAL);
  }

  @Test
  void stoppedTimersReportNothing() throws Exception {
    List<TimeoutKind> expired = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> later = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      AttemptTimers timers = new AttemptTimers(
          vertx, new TargetTimeouts(null, Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(300)));
      timers.start(expired::add);
      timers.chunk();
      timers.stop();
      vertx.setTimer(1_000, id -> later.complete(null));
    });

    later.get(30, TimeUnit.SECONDS);
    assertThat(expired).isEmpty();
  }
}

package dev.switchboard.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecordBuilderThreadTest {

  @Test
  void runsEveryJobOnceOnItsOwnThreadFromManyProducers() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    List<String> threads = new CopyOnWriteArrayList<>();
    try (RecordBuilderThread builder = new RecordBuilderThread(100_000)) {
      Thread[] producers = new Thread[4];
      for (int p = 0; p < producers.length; p++) {
        producers[p] = new Thread(() -> {
          for (int i = 0; i < 10_000; i++) {
            assertThat(builder.offer(() -> {
              if (ran.incrementAndGet() % 5_000 == 0) {
                threads.add(Thread.currentThread().getName());
              }
            })).isTrue();
          }
        });
        producers[p].start();
      }
      for (Thread producer : producers) {
        producer.join();
      }
    } // close() runs what is still queued
    assertThat(ran).hasValue(40_000);
    assertThat(threads).isNotEmpty().allMatch(RecordBuilderThread.THREAD_NAME::equals);
  }

  @Test
  void aFullQueueRefusesTheJobSoTheCallerCanRunItElsewhere() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (RecordBuilderThread builder = new RecordBuilderThread(2)) {
      assertThat(builder.offer(() -> {
        running.countDown();
        await(release);
      })).isTrue();
      assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(builder.offer(() -> {})).isTrue();
      assertThat(builder.offer(() -> {})).isTrue();
      assertThat(builder.offer(() -> {})).isFalse();
      assertThat(builder.backlog()).isEqualTo(2);
      release.countDown();
    }
  }

  @Test
  void aFailingJobDoesNotStopTheThreadAndClosedBuildersRefuseWork() {
    AtomicInteger ran = new AtomicInteger();
    RecordBuilderThread builder = new RecordBuilderThread(16);
    builder.offer(() -> {
      throw new IllegalStateException("boom");
    });
    builder.offer(ran::incrementAndGet);
    builder.close();

    assertThat(ran).hasValue(1);
    assertThat(builder.offer(ran::incrementAndGet)).isFalse();
    assertThat(ran).hasValue(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

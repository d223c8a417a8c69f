package dev.switchboard.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.ClassifierConfig;
import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.Classification;
import dev.switchboard.telemetry.classify.ClassifierInput;
import dev.switchboard.telemetry.classify.RequestClassifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Checks the bounded classifier pool: it classifies, sheds when full, and survives failures. */
class ClassificationPoolTest {
  private static final RequestClassifier CLASSIFIER = RequestClassifier.withDefaults();

  @Test
  void fullQueueShedsWorkAsOverloadAndCountsIt() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<Classification> results = new CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch classified = new CountDownLatch(2);
    try (ClassificationPool pool = ClassificationPool.start(new ClassifierConfig(true, 1, 1), () -> CLASSIFIER, registry)) {
      // the first request holds the only worker, the second waits in the one queue slot
      for (int i = 0; i < 2; i++) {
        pool.classify(() -> {
          await(release);
          return ClassifierInput.ofText("Write a Java method that reverses a linked list.");
        }, c -> {
          results.add(c);
          classified.countDown();
        });
      }
      pool.classify(() -> ClassifierInput.ofText("never read"), results::add);

      assertThat(results).singleElement().satisfies(c -> {
        assertThat(c.isClassified()).isFalse();
        assertThat(c.unclassifiedReason()).isEqualTo(ClassificationPool.OVERLOAD);
      });
      assertThat(registry.get("switchboard.classifier.shed").counter().count()).isEqualTo(1.0);

      release.countDown();
      assertThat(classified.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(results).hasSize(3);
      assertThat(results.subList(1, 3)).allSatisfy(c -> assertThat(c.category()).isEqualTo(Category.PROGRAMMING));
    }
  }

  @Test
  void classifierFailureBecomesUnclassifiedError() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    CountDownLatch done = new CountDownLatch(1);
    List<Classification> results = new CopyOnWriteArrayList<>();
    try (ClassificationPool pool = ClassificationPool.start(ClassifierConfig.defaults(), () -> CLASSIFIER, registry)) {
      pool.classify(() -> {
        throw new IllegalStateException("boom");
      }, c -> {
        results.add(c);
        done.countDown();
      });
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(results).singleElement().satisfies(c -> assertThat(c.unclassifiedReason()).isEqualTo(ClassificationPool.ERROR));
    assertThat(registry.get("switchboard.classifier.errors").counter().count()).isEqualTo(1.0);
  }

  @Test
  void disabledClassifierMarksRecordsDisabledAtOnce() {
    List<Classification> results = new CopyOnWriteArrayList<>();
    try (ClassificationPool pool =
        ClassificationPool.start(new ClassifierConfig(false, 1, 1), () -> CLASSIFIER, new SimpleMeterRegistry())) {
      pool.classify(() -> ClassifierInput.ofText("hello there"), results::add);
    }
    assertThat(results).singleElement().satisfies(c -> assertThat(c.unclassifiedReason()).isEqualTo(ClassificationPool.DISABLED));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

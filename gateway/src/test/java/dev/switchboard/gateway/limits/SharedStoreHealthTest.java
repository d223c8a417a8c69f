package dev.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Checks when a shared store's failure leaves it alone for a second and when it costs one call only. */
class SharedStoreHealthTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicBoolean answering = new AtomicBoolean();
  private final SharedStoreHealth health = new SharedStoreHealth("shared test", false, now::get, answering::get);

  @Test
  void aTimeoutWhileTheStoreAnswersOtherCallsFallsBackForThatCallOnly() {
    answering.set(true);

    health.failed(new TimeoutException("Timeout 100 (ms) fired"));

    assertThat(health.paused()).isFalse();
    assertThat(health.fallbacks()).isEqualTo(1);
  }

  @Test
  void aTimeoutWhileTheStoreAnswersNothingLeavesItAloneForASecond() {
    health.failed(new TimeoutException("Timeout 100 (ms) fired"));

    assertThat(health.paused()).isTrue();
    now.addAndGet(SharedStoreHealth.PAUSE_AFTER_ERROR.toNanos());
    assertThat(health.paused()).isFalse();
  }

  @Test
  void anErrorOtherThanATimeoutLeavesTheStoreAloneEvenWhileItAnswers() {
    answering.set(true);

    health.failed(new IOException("Connection refused"));

    assertThat(health.paused()).isTrue();
    assertThat(health.fallbacks()).isEqualTo(1);
  }
}

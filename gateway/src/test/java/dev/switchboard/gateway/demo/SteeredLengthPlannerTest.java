package dev.switchboard.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.demo.DemoModelProfile.Faults;
import dev.switchboard.gateway.demo.DemoRequest.Message;
import dev.switchboard.gateway.demo.DemoRequest.ToolChoice;
import dev.switchboard.telemetry.tokens.TokenCounter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A profile answering to the limit makes max_tokens the answer's length, reasoning included: the
 * answer is cut at the last whole word that fits, so it may fall a few tokens short.
 */
class SteeredLengthPlannerTest {
  private static final TokenCounter COUNTER = TokenCounter.o200k();
  private static final DemoModelProfile STEERED = new DemoModelProfile(
      "steered", Duration.ZERO, 100, 50, false, 0, 0.4, true, Faults.none());
  private static final DemoModelProfile THINKING = new DemoModelProfile(
      "thinking", Duration.ZERO, 100, 50, true, 0, 0.4, true, Faults.none());

  private final CompletionPlanner planner = new CompletionPlanner(COUNTER);

  @Test
  void answersExactlyMaxTokensAndStopsOnItsOwn() {
    for (int limit : new int[] {16, 137, 900}) {
      SimulatedCompletion answer = planner.plan(request("Explain how tides work", limit), STEERED);

      assertThat(answer.usage().completionTokens()).as("limit %d", limit)
          .isBetween(limit - Math.max(4, limit / 50), limit);
      assertThat(COUNTER.count(answer.content())).isEqualTo(answer.usage().completionTokens());
      assertThat(answer.finishReason()).isEqualTo("stop");
      assertThat(answer.usage().reasoningTokens()).isZero();
    }
  }

  @Test
  void reasoningModelsSpendAboutTheirShareThinkingWithinTheSameLength() {
    SimulatedCompletion answer = planner.plan(request("Prove that the square root of two is irrational", 1000), THINKING);

    assertThat(answer.usage().completionTokens()).isBetween(980, 1000);
    assertThat(answer.usage().reasoningTokens()).isBetween(320, 480);
    assertThat(COUNTER.count(answer.content()))
        .isEqualTo(answer.usage().completionTokens() - answer.usage().reasoningTokens());
  }

  @Test
  void withoutALimitTheProfileDrawsItsOwnLength() {
    SimulatedCompletion answer = planner.plan(request("Explain how tides work", null), STEERED);

    assertThat(answer.usage().completionTokens()).isBetween(8, 75);
  }

  private static DemoRequest request(String text, Integer maxTokens) {
    return new DemoRequest("steered", List.of(new Message("user", text, 0)), List.of(), ToolChoice.AUTO,
        false, false, maxTokens, null);
  }
}

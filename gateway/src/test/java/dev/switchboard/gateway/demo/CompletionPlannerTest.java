package dev.switchboard.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.demo.DemoRequest.Message;
import dev.switchboard.gateway.demo.DemoRequest.Parameter;
import dev.switchboard.gateway.demo.DemoRequest.Tool;
import dev.switchboard.gateway.demo.DemoRequest.ToolChoice;
import dev.switchboard.telemetry.tokens.TokenCounter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionPlannerTest {
  private static final TokenCounter COUNTER = TokenCounter.o200k();
  private static final DemoModelProfile PLAIN =
      new DemoModelProfile("plain", Duration.ZERO, 100, 120, false, 0);
  private static final DemoModelProfile EAGER =
      new DemoModelProfile("eager", Duration.ZERO, 100, 120, false, 1);
  private static final Tool SEARCH =
      new Tool(
          "search_docs",
          "{\"name\":\"search_docs\"}",
          List.of(new Parameter("query", "string", List.of())));

  private final CompletionPlanner planner = new CompletionPlanner(COUNTER);

  @Test
  void answersTheSameRequestIdentically() {
    DemoRequest request = request("Compare sorting algorithms for large datasets", null, List.of());

    SimulatedCompletion first = planner.plan(request, PLAIN);
    SimulatedCompletion second = planner.plan(request, PLAIN);

    assertThat(second).isEqualTo(first);
    assertThat(first.content()).contains("sorting");
  }

  @Test
  void cappedAnswerIsPrefixOfTheFullAnswer() {
    SimulatedCompletion full =
        planner.plan(request("Explain photosynthesis", null, List.of()), PLAIN);
    SimulatedCompletion capped =
        planner.plan(request("Explain photosynthesis", 12, List.of()), PLAIN);

    assertThat(capped.finishReason()).isEqualTo("length");
    assertThat(capped.usage().completionTokens()).isLessThanOrEqualTo(12);
    assertThat(full.content()).startsWith(capped.content());
    assertThat(full.finishReason()).isEqualTo("stop");
  }

  @Test
  void keepsReasoningAndAnswerWithinTheCapForReasoningModels() {
    DemoModelProfile thinker = new DemoModelProfile("thinker", Duration.ZERO, 100, 200, true, 0);

    SimulatedCompletion capped = planner.plan(request("Prove the theorem", 40, List.of()), thinker);

    assertThat(capped.usage().reasoningTokens()).isBetween(1, 20);
    assertThat(capped.usage().completionTokens()).isLessThanOrEqualTo(40);
    assertThat(capped.usage().completionTokens())
        .isEqualTo(COUNTER.count(capped.content()) + capped.usage().reasoningTokens());
  }

  @Test
  void callsToolsByProfileProbabilityUnlessToolChoiceIsNone() {
    DemoRequest auto = request("Find the deployment guide", null, List.of(SEARCH));
    DemoRequest none = withToolChoice(auto, new ToolChoice(ToolChoice.Mode.NONE, null));

    assertThat(planner.plan(auto, EAGER).toolCalls()).hasSize(1);
    assertThat(planner.plan(auto, PLAIN).toolCalls()).isEmpty();
    assertThat(planner.plan(none, EAGER).toolCalls()).isEmpty();
  }

  @Test
  void answersWithTextWhenTheLastMessageIsAToolResult() {
    List<Message> messages =
        List.of(
            new Message("user", "search_docs for the deployment guide", 0),
            new Message("assistant", "search_docs\n{\"query\":\"deployment\"}", 0),
            new Message("tool", "The guide lives in docs/deploy.md", 0));
    DemoRequest request =
        new DemoRequest(
            "eager", messages, List.of(SEARCH), ToolChoice.AUTO, false, false, null, null);

    SimulatedCompletion completion = planner.plan(request, EAGER);

    assertThat(completion.toolCalls()).isEmpty();
    assertThat(completion.content()).isNotEmpty();
  }

  @Test
  void countsPromptAsMessageTextPlusOverhead() {
    DemoRequest request = request("Hello there", null, List.of());

    int expected = 3 + (3 + COUNTER.count("Be brief.")) + (3 + COUNTER.count("Hello there"));
    assertThat(planner.promptTokens(request)).isEqualTo(expected);
  }

  private static DemoRequest request(String userText, Integer maxTokens, List<Tool> tools) {
    List<Message> messages =
        List.of(new Message("system", "Be brief.", 0), new Message("user", userText, 0));
    return new DemoRequest(
        "plain", messages, tools, ToolChoice.AUTO, false, false, maxTokens, null);
  }

  private static DemoRequest withToolChoice(DemoRequest r, ToolChoice choice) {
    return new DemoRequest(
        r.model(),
        r.messages(),
        r.tools(),
        choice,
        r.stream(),
        r.includeUsage(),
        r.maxTokens(),
        r.user());
  }
}

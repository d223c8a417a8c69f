package dev.switchboard.gateway.simulate.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.simulate.traffic.PlannedRequest;
import dev.switchboard.gateway.simulate.traffic.UserProfile;
import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.tokens.TokenCounter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptComposerTest {
  private static final TokenCounter COUNTER = TokenCounter.o200k();
  private static final UserProfile USER = new UserProfile(1, "user-1", "US", "coder", "App", "en", 1, 0);
  private final PromptComposer composer = new PromptComposer(PromptBank.bundled(), COUNTER);

  @Test
  void writesConversationsOfAboutThePlannedLengthWhoseEstimateIsTheirCount() {
    for (Category category : List.of(Category.PROGRAMMING, Category.ROLEPLAY, Category.LEGAL, Category.TRANSLATION)) {
      for (int target : new int[] {400, 3_000, 12_000}) {
        ComposedPrompt prompt = composer.compose(request(7, category, "en", false, target));

        assertThat(prompt.estimatedTokens()).as("%s %d", category, target).isBetween((int) (target * 0.8), (int) (target * 1.35));
        int counted = 3 + prompt.messages().stream()
            .mapToInt(m -> 3 + (m.content() == null ? m.toolCalls().stream()
                .mapToInt(c -> COUNTER.count(c.name() + c.arguments())).sum() : COUNTER.count(m.content())))
            .sum();
        // pieces are counted apart; where they meet a token or two may differ from the whole
        assertThat((double) prompt.estimatedTokens()).isCloseTo(counted, org.assertj.core.data.Percentage.withPercentage(2));
      }
    }
  }

  @Test
  void aRoleplayIsACharacterCardAndEarlierTurnsEndingWithTheUser() {
    ComposedPrompt prompt = composer.compose(request(3, Category.ROLEPLAY, "en", false, 1_500));

    List<ChatTurn> turns = prompt.messages();
    assertThat(turns.get(0).role()).isEqualTo("system");
    assertThat(turns.get(0).content()).containsAnyOf("roleplay", "Character card", "dungeon master");
    assertThat(turns.get(turns.size() - 1).role()).isEqualTo("user");
    assertThat(turns.stream().filter(t -> t.role().equals("assistant")).count()).isPositive();
    assertThat(String.join("\n", turns.stream().map(ChatTurn::content).toList())).doesNotContainPattern("(?<!\\{)\\{[a-z_]+}(?!})");
  }

  @Test
  void aCodingAgentWithToolsReadsFilesAndRunsCommandsBeforeTheUsersNextAsk() {
    ComposedPrompt prompt = composer.compose(request(11, Category.PROGRAMMING, "en", true, 4_000));

    List<ChatTurn> turns = prompt.messages();
    assertThat(prompt.tools()).extracting(PromptBank.ToolText::name).contains("read_file", "run_command");
    assertThat(turns.get(0).role()).isEqualTo("system");
    assertThat(turns).anySatisfy(t -> assertThat(t.toolCalls()).isNotEmpty());
    assertThat(turns).anySatisfy(t -> {
      assertThat(t.role()).isEqualTo("tool");
      assertThat(t.toolCallId()).startsWith("call_");
    });
    assertThat(turns.get(turns.size() - 1).role()).isEqualTo("user");
  }

  @Test
  void otherCategoriesOfferGeneralToolsNotCodingOnes() {
    ComposedPrompt prompt = composer.compose(request(5, Category.FINANCE, "en", true, 500));

    assertThat(prompt.tools()).extracting(PromptBank.ToolText::name).containsExactly("web_search", "get_current_time");
  }

  @Test
  void writesInTheRequestsLanguageAndTheSameRequestGetsTheSameText() {
    PlannedRequest chinese = request(9, Category.PROGRAMMING, "zh-Hans", false, 800);

    ComposedPrompt first = composer.compose(chinese);
    ComposedPrompt again = composer.compose(chinese);

    assertThat(first).isEqualTo(again);
    assertThat(first.messages().get(0).content()).containsPattern("\\p{IsHan}{4}").contains("```");
    assertThat(composer.compose(request(10, Category.PROGRAMMING, "zh-Hans", false, 800))).isNotEqualTo(first);
  }

  private static PlannedRequest request(long seq, Category category, String language, boolean tools, int promptTokens) {
    return new PlannedRequest(seq, Instant.parse("2025-06-02T10:00:00Z"), 26, USER, "anthropic/claude-sonnet-4",
        category, language, false, tools, promptTokens, 200);
  }
}

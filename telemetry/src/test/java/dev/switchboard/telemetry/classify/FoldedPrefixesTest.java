package dev.switchboard.telemetry.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Holds the hand-written scans to the JDK calls and regular expressions they replace. */
class FoldedPrefixesTest {

  @Test
  void foldingAgreesWithRegionMatchesIgnoringCaseForEveryCharacter() {
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      // a second, non-Latin-1 character makes the JDK take its UTF-16 path for every c
      String latin1 = String.valueOf(c);
      String utf16 = c + "\u0100";
      for (char lower = 0; lower < 128; lower++) {
        if (lower >= 'A' && lower <= 'Z') {
          continue;
        }
        String needle = String.valueOf(lower);
        boolean folded = FoldedPrefixes.fold(c) == lower;
        assertThat(folded).as("U+%04X vs %s", (int) c, needle).isEqualTo(utf16.regionMatches(true, 0, needle, 0, 1));
        assertThat(folded).as("U+%04X vs %s", (int) c, needle).isEqualTo(latin1.regionMatches(true, 0, needle, 0, 1));
      }
    }
  }

  @Test
  void prefixesMatchAtAPositionIgnoringCase() {
    FoldedPrefixes prefixes = FoldedPrefixes.of("def ", "#include", "can you");
    assertThat(prefixes.matchAt("  DEF main():", 2)).isTrue();
    assertThat(prefixes.matchAt("x#Include <a>", 1)).isTrue();
    assertThat(prefixes.matchAt("Can You help", 0)).isTrue();
    assertThat(prefixes.matchAt("ſelect", 0)).isFalse();
    assertThat(prefixes.matchAt("define", 0)).isFalse();
    assertThat(prefixes.matchAt("de", 0)).isFalse();
    assertThat(prefixes.matchAt("def ", 4)).isFalse();
    assertThat(FoldedPrefixes.regionMatches("İ'M here", 0, "i'm")).isTrue();
    assertThatThrownBy(() -> FoldedPrefixes.of("Def ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FoldedPrefixes.of("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void functionWordSeparatorsAreTheRegexCharacterClass() {
    Pattern separator = Pattern.compile("[\\s\\p{Punct}¡¿«»“”]");
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      assertThat(FunctionWords.isSeparator(c)).as("U+%04X", (int) c)
          .isEqualTo(separator.matcher(String.valueOf(c)).matches());
    }
  }

  @Test
  void toolNamesSplitLikeTheRegexTheyReplace() {
    Pattern words = Pattern.compile("[^A-Za-z]+|(?<=[a-z])(?=[A-Z])");
    String[] names = {"read_file", "runTerminalCommand", "GrepTool", "x2Shell", "getWEATHER", "__ls__", "ÄpplyPatch",
        "apply-patch", "searchWeb", "LS", "fileSearch", "notebookEdit", "mcp__github__create_issue", "", "get_weather", "sendEmail", "latestNews", "TerminalX", "aFILEb", "camelFile9dir"};
    for (String name : names) {
      boolean viaRegex = false;
      for (String word : words.split(name)) {
        viaRegex |= CategoryScorer.CODING_TOOL_WORDS.contains(word.toLowerCase(Locale.ROOT));
      }
      assertThat(CategoryScorer.isCodingTool(name)).as(name).isEqualTo(viaRegex);
    }
  }
}

package dev.switchboard.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SseCompletionStreamTest {

  @Test
  void splitsTextIntoFewWordPiecesThatRejoinExactly() {
    String text = "The key idea is simple.\n\nIt helps to test small examples first, then scale.";

    List<String> pieces = SseCompletionStream.splitWords(text);

    assertThat(String.join("", pieces)).isEqualTo(text);
    assertThat(pieces).hasSizeGreaterThan(3);
    assertThat(pieces)
        .allSatisfy(p -> assertThat(p.strip().split("\\s+").length).isLessThanOrEqualTo(3));
  }

  @Test
  void neverSplitsArgumentsInsideASurrogatePair() {
    String arguments = "{\"q\":\"abcdefghijklm\uD83D\uDE00xyz\"}";

    List<String> pieces = SseCompletionStream.splitChars(arguments);

    assertThat(String.join("", pieces)).isEqualTo(arguments);
    assertThat(pieces)
        .allSatisfy(p -> assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse());
  }

  @Test
  void splitsEmptyTextIntoNoPieces() {
    assertThat(SseCompletionStream.splitWords("")).isEmpty();
  }
}

package dev.switchboard.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telemetry.tokens.TokenCounter;
import org.junit.jupiter.api.Test;

/** Counting paragraph by paragraph gives the count of the whole text. */
class SegmentCountCacheTest {
  private static final TokenCounter COUNTER = TokenCounter.o200k();

  @Test
  void sumsOfParagraphsEqualTheWholeForProseCodeAndOtherScripts() {
    SegmentCountCache cache = new SegmentCountCache(COUNTER, 100);
    String[] texts = {
      "Fix this function, please.\n\n```python\ndef load(path):\n    rows = []\n\n    for line in open(path):\n"
          + "        rows.append(line)\n    return rows\n```\n\nThe test still fails.",
      "第一段文字。\n\n第二段文字，包含标点符号！\n\n\n  缩进的第三段",
      "Одна строка.\n\nВторая строка.\n\n\tТабуляция в начале.\n\n",
      "no paragraphs at all",
      "\n\nstarts with a blank line\n\n   and indented text after one"
    };
    for (String text : texts) {
      assertThat(cache.count(text)).as(text).isEqualTo(COUNTER.count(text));
      assertThat(cache.count(text)).as("again, from the cache").isEqualTo(COUNTER.count(text));
    }
    assertThat(cache.count("")).isZero();
  }
}

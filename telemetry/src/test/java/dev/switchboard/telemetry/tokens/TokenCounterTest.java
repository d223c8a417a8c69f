package dev.switchboard.telemetry.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks the compact o200k counter against jtokkit's encoder (the reference it replaces) on the
 * project's own example requests, on hand-picked hard cases and on seeded random text from many
 * scripts, including pieces long enough for the heap merge.
 */
class TokenCounterTest {
  private static final Encoding JTOKKIT = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  private final TokenCounter counter = TokenCounter.o200k();

  @Test
  void countsLikeJtokkitOnTheProjectsExampleRequests() throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        TokenCounterTest.class.getResourceAsStream("/dev/switchboard/telemetry/classify/category-examples.txt"),
        StandardCharsets.UTF_8))) {
      in.lines().forEach(lines::add);
    }
    assertThat(lines).hasSizeGreaterThan(1_000);
    for (String line : lines) {
      assertThat(counter.count(line)).as(line).isEqualTo(JTOKKIT.countTokensOrdinary(line));
    }
    String all = String.join("\n", lines);
    assertThat(counter.count(all)).isEqualTo(JTOKKIT.countTokensOrdinary(all));
  }

  @Test
  void countsLikeJtokkitOnHardCases() {
    List<String> cases = List.of(
        "Hello, world! How're you doing? I'LL be there.",
        "def f(x):\n    return x ** 2  # square\n\n\n\tprint(f(12345678))",
        "日本語のテキストと中文文本，还有한국어 텍스트。",
        "مرحبا بالعالم — привет, мир — γειά σου κόσμε",
        "emoji 👩‍👩‍👧‍👦🏳️‍🌈 and flags 🇩🇪🇫🇷 mixed with text",
        "<|endoftext|> special tokens count as text <|fim_prefix|>",
        "   leading and trailing spaces   \r\n\r\n  ",
        "a".repeat(5_000),
        "ab".repeat(3_000) + " " + "xyz".repeat(2_000),
        "1234567890".repeat(500),
        "!!!???...,,,;;;".repeat(400),
        "\uD83D unpaired surrogate \uDE00 halves",
        "SGVsbG8gd29ybGQhIFRoaXMgaXMgYmFzZTY0IGVuY29kZWQgdGV4dC4=".repeat(40),
        "");
    for (String text : cases) {
      assertThat(counter.count(text)).as(text.length() > 80 ? text.substring(0, 80) : text)
          .isEqualTo(text.isEmpty() ? 0 : JTOKKIT.countTokensOrdinary(text));
    }
  }

  @Test
  void countsLikeJtokkitOnRandomTextFromManyScripts() {
    int[][] ranges = {
        {0x20, 0x7e}, {0xa0, 0x24f}, {0x370, 0x3ff}, {0x400, 0x4ff}, {0x590, 0x6ff}, {0x900, 0x97f},
        {0x3040, 0x30ff}, {0x4e00, 0x9fff}, {0xac00, 0xd7a3}, {0x1f300, 0x1f64f}, {0x9, 0xd}};
    Random random = new Random(42);
    for (int sample = 0; sample < 400; sample++) {
      StringBuilder text = new StringBuilder();
      int length = sample % 10 == 0 ? 2_000 + random.nextInt(4_000) : 1 + random.nextInt(300);
      int[] range = ranges[random.nextInt(ranges.length)];
      for (int i = 0; i < length; i++) {
        if (random.nextInt(8) == 0) {
          range = ranges[random.nextInt(ranges.length)];
        }
        text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
      }
      String s = text.toString();
      assertThat(counter.count(s)).as("sample %d", sample).isEqualTo(JTOKKIT.countTokensOrdinary(s));
    }
  }

  @Test
  void longPiecesTakeTheHeapMergeAndAgreeWithTheLinearOne() {
    Random random = new Random(7);
    for (int sample = 0; sample < 200; sample++) {
      // letters only: one regex piece, long enough for the heap path
      StringBuilder word = new StringBuilder();
      int length = BytePairCounter.LINEAR_LIMIT + 1 + random.nextInt(600);
      for (int i = 0; i < length; i++) {
        word.append((char) ('a' + random.nextInt(random.nextBoolean() ? 3 : 26)));
      }
      String s = word.toString();
      assertThat(counter.count(s)).as(s).isEqualTo(JTOKKIT.countTokensOrdinary(s));
    }
  }

  @Test
  void nullAndEmptyTextHaveNoTokens() {
    assertThat(counter.count(null)).isZero();
    assertThat(counter.count("")).isZero();
    assertThat(counter.count("hello")).isEqualTo(1);
  }
}

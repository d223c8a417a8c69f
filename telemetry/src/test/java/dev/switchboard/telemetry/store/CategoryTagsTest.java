package dev.switchboard.telemetry.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telemetry.Classification.Tag;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CategoryTagsTest {

  @Test
  void confidencesAreWrittenExactlyAsStringFormatWroteThem() {
    double[] edges = {
      0, -0.0, 1, 0.0005, 0.0015, 0.0025, 0.1235, 0.9995, 1.0005, 0.12349999, 0.3125, -0.0004,
      -0.0005, 2.675, 1e-9, 123456.7895, 0.1 + 0.2, Double.MIN_VALUE, Double.NaN,
      Double.POSITIVE_INFINITY
    };
    for (double value : edges) {
      assertThat(CategoryTags.threeDecimals(value))
          .as("%s", value)
          .isEqualTo(String.format(Locale.ROOT, "%.3f", value));
    }
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      double value = i % 2 == 0 ? random.nextDouble() : Math.round(random.nextDouble() * 1e4) / 1e4;
      assertThat(CategoryTags.threeDecimals(value))
          .as("%s", value)
          .isEqualTo(String.format(Locale.ROOT, "%.3f", value));
    }
  }

  @Test
  void tagsRoundTripThroughTheColumnText() {
    List<Tag> tags = List.of(new Tag("Technology", 0.31), new Tag("Programming/debugging", 0.6204));
    String text = CategoryTags.format(tags);
    assertThat(text).isEqualTo("Technology:0.310,Programming/debugging:0.620");
    assertThat(CategoryTags.parse(text))
        .containsExactly(new Tag("Technology", 0.31), new Tag("Programming/debugging", 0.62));
  }
}

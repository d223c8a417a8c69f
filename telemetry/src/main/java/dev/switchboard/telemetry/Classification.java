package dev.switchboard.telemetry;

import java.util.List;

/**
 * Holds what the classifier found in a request: its primary category with a confidence, secondary
 * tags and sub-tags with theirs, and the language of the user-authored text.
 *
 * @param category null when the request was not classified (see {@code unclassifiedReason})
 * @param confidence in [0, 1]
 * @param tags secondary categories and sub-tags (e.g. {@code Programming/debugging}), best first
 * @param language BCP-47-ish code ({@code en}, {@code zh-Hans}, ...), {@code und} when uncertain,
 *     null when not detected
 * @param unclassifiedReason why there is no category (e.g. {@code overload}, {@code no_text}), else
 *     null
 */
public record Classification(
    Category category,
    double confidence,
    List<Tag> tags,
    String language,
    String unclassifiedReason) {

  public Classification {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** Returns a classification that did not happen, with the reason. */
  public static Classification unclassified(String reason) {
    return new Classification(null, 0.0, List.of(), null, reason);
  }

  /** Returns whether a category was assigned. */
  public boolean isClassified() {
    return category != null;
  }

  /** Names a secondary category or sub-tag with its confidence. */
  public record Tag(String name, double confidence) {}
}

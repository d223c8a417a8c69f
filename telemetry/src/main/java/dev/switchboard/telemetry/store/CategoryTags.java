package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.Classification.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stores classification tags in one text column as {@code name:confidence} pairs separated by
 * commas ({@code Technology:0.310,Programming/debugging:0.620}); tag names never contain ',' or ':'.
 */
final class CategoryTags {

  private CategoryTags() {}

  static String format(List<Tag> tags) {
    if (tags.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (Tag tag : tags) {
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(tag.name().replace(',', ' ').replace(':', ' '))
          .append(':')
          .append(String.format(Locale.ROOT, "%.3f", tag.confidence()));
    }
    return text.toString();
  }

  static List<Tag> parse(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<Tag> tags = new ArrayList<>();
    for (String pair : text.split(",")) {
      int colon = pair.lastIndexOf(':');
      tags.add(new Tag(pair.substring(0, colon), Double.parseDouble(pair.substring(colon + 1))));
    }
    return tags;
  }
}

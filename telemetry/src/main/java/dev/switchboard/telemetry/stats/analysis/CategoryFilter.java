package dev.switchboard.telemetry.stats.analysis;

import dev.switchboard.telemetry.Category;

/**
 * Decides which categories count in category denominators: never unclassified requests, and
 * {@code Other} only when asked, as the study did.
 */
final class CategoryFilter {
  static final String UNCLASSIFIED = "unclassified";
  static final String NOTE =
      "Category shares leave out unclassified requests, and Other unless include_other=true.";

  private CategoryFilter() {}

  static boolean counts(String category, boolean includeOther) {
    if (category.equals(UNCLASSIFIED)) {
      return false;
    }
    return includeOther || !category.equals(Category.OTHER.label());
  }
}

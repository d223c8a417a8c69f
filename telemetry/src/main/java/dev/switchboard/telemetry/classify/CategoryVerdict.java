package dev.switchboard.telemetry.classify;

import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.Classification.Tag;
import java.util.List;

/**
 * Holds the category decision for one request.
 *
 * @param category the primary category
 * @param confidence its probability in [0, 1]
 * @param tags secondary categories and sub-tags with their confidences, best first
 */
record CategoryVerdict(Category category, double confidence, List<Tag> tags) {}

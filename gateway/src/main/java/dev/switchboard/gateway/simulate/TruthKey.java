package dev.switchboard.gateway.simulate;

import java.time.LocalDate;

/**
 * Identifies one cell of the ground truth: a week and everything the analyses split traffic by.
 *
 * @param week the Monday of the ISO week
 * @param toolCall whether the answer ended in a tool call
 * @param ok whether the answer ended without an error
 */
public record TruthKey(
    LocalDate week,
    String model,
    String country,
    String app,
    String category,
    String language,
    boolean streamed,
    boolean toolsOffered,
    boolean toolCall,
    boolean ok) {}

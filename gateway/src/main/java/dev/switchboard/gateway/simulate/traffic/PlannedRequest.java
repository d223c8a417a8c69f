package dev.switchboard.gateway.simulate.traffic;

import dev.switchboard.telemetry.Category;
import java.time.Instant;

/**
 * Describes one request the simulator will send: when (simulated), who, to which model, about
 * what, in which language, and how long its prompt and completion should be.
 *
 * @param seq position in the whole year, also the seed of its prompt text
 * @param week the scenario week it falls in (0-based)
 * @param promptTokens the prompt length to write, in tokens (approximate)
 * @param completionTokens the completion length to ask for ({@code max_tokens})
 */
public record PlannedRequest(
    long seq,
    Instant at,
    int week,
    UserProfile user,
    String model,
    Category category,
    String language,
    boolean stream,
    boolean toolsOffered,
    int promptTokens,
    int completionTokens) {}

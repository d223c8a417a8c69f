package dev.switchboard.telemetry.classify;

import java.util.List;

/**
 * Carries the text of one request as the classifier reads it, in conversation order within each
 * list. Null lists become empty.
 *
 * @param systemPrompt the system (or developer) instructions joined, or null
 * @param userTurns the user messages, oldest first; the last one is the request itself
 * @param assistantTurns earlier assistant messages, oldest first
 * @param toolNames names of the tools the request offers
 * @param toolResults contents of tool-result messages, oldest first
 */
public record ClassifierInput(
    String systemPrompt,
    List<String> userTurns,
    List<String> assistantTurns,
    List<String> toolNames,
    List<String> toolResults) {

  public ClassifierInput {
    systemPrompt = systemPrompt == null || systemPrompt.isBlank() ? null : systemPrompt;
    userTurns = userTurns == null ? List.of() : List.copyOf(userTurns);
    assistantTurns = assistantTurns == null ? List.of() : List.copyOf(assistantTurns);
    toolNames = toolNames == null ? List.of() : List.copyOf(toolNames);
    toolResults = toolResults == null ? List.of() : List.copyOf(toolResults);
  }

  /** Returns an input holding one user message. */
  public static ClassifierInput ofText(String text) {
    return new ClassifierInput(null, text == null ? List.of() : List.of(text), List.of(), List.of(), List.of());
  }

  /** Returns the last user message, or an empty string when there is none. */
  public String lastUserTurn() {
    return userTurns.isEmpty() ? "" : userTurns.get(userTurns.size() - 1);
  }

  /** Returns whether the input carries any text to classify. */
  public boolean hasText() {
    if (systemPrompt != null) {
      return true;
    }
    for (String turn : userTurns) {
      if (turn != null && !turn.isBlank()) {
        return true;
      }
    }
    return false;
  }
}

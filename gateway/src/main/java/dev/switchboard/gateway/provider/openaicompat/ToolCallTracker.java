package dev.switchboard.gateway.provider.openaicompat;

import static dev.switchboard.gateway.provider.openaicompat.WireJson.nonEmptyText;
import static dev.switchboard.gateway.provider.openaicompat.WireJson.object;
import static dev.switchboard.gateway.provider.openaicompat.WireJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts distinct tool calls across deltas keyed by (choice index, tool index, else non-empty tool
 * id, else position), so continuation deltas with {@code "id":""} or {@code "name":""} never start
 * or rename a call (wire-formats §0 rule 7). Names and argument fragments go to the completion text
 * as they arrive.
 */
final class ToolCallTracker {

  /** Name of each distinct call so far, "" until a non-empty name arrives. */
  private final Map<String, String> names = new HashMap<>();

  private final BoundedText completion;

  ToolCallTracker(BoundedText completion) {
    this.completion = completion;
  }

  /** Observes the {@code tool_calls} array of one delta or message of choice {@code choice}. */
  void accept(int choice, JsonNode toolCalls) {
    for (int position = 0; position < toolCalls.size(); position++) {
      JsonNode toolCall = toolCalls.get(position);
      String id = nonEmptyText(toolCall, "id");
      JsonNode index = toolCall.get("index");
      String key;
      if (index != null && index.canConvertToInt()) {
        key = choice + ":i" + index.asInt();
      } else if (id != null) {
        key = choice + ":id" + id; // Mistral sends whole calls without index
      } else {
        key = choice + ":p" + position;
      }
      merge(key, object(toolCall, "function"));
    }
  }

  /** Observes a legacy {@code function_call} object of choice {@code choice}. */
  void acceptFunctionCall(int choice, JsonNode functionCall) {
    merge(choice + ":function_call", functionCall);
  }

  /** Returns the number of distinct calls seen. */
  int count() {
    return names.size();
  }

  private void merge(String key, JsonNode function) {
    String known = names.putIfAbsent(key, "");
    String name = nonEmptyText(function, "name");
    if ((known == null || known.isEmpty()) && name != null) {
      names.put(key, name);
      completion.append(name);
    }
    completion.append(text(function, "arguments"));
  }
}

package dev.switchboard.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.IngressOrigin;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.limits.PromptEstimate;
import java.util.ArrayList;
import java.util.List;

/**
 * Trims the middle of a conversation until it fits a token budget, as OpenRouter's {@code
 * transforms: ["middle-out"]} does (https://openrouter.ai/docs/features/message-transforms): the
 * leading system messages, the first exchange and the last one stay; exchanges nearest the middle
 * go first. An exchange is a message with the tool results that follow it, so that no tool result
 * loses its call. The client's body is not modified.
 */
final class MiddleOut {

  private MiddleOut() {}

  /**
   * Returns {@code request} with the fewest middle exchanges removed to fit {@code budget} tokens,
   * or null when even the ends do not fit.
   */
  static ChatRequest trim(ChatRequest request, long budget) {
    JsonNode messages = request.body().path("messages");
    int head = 0;
    while (head < messages.size() && isSystem(messages.get(head))) {
      head++;
    }
    List<List<JsonNode>> exchanges = exchanges(messages, head);
    long tokens = PromptEstimate.contextTokens(request);
    boolean[] removed = new boolean[exchanges.size()];
    List<Integer> order = middleFirst(exchanges.size());
    for (int i = 0; i < order.size() && tokens > budget; i++) {
      int index = order.get(i);
      removed[index] = true;
      for (JsonNode message : exchanges.get(index)) {
        tokens -= PromptEstimate.messageTokens(message);
      }
    }
    if (tokens > budget) {
      return null;
    }
    ArrayNode kept = JsonCodec.mapper().createArrayNode();
    for (int i = 0; i < head; i++) {
      kept.add(messages.get(i));
    }
    for (int i = 0; i < exchanges.size(); i++) {
      if (!removed[i]) {
        exchanges.get(i).forEach(kept::add);
      }
    }
    ObjectNode body = JsonCodec.object().setAll(request.body());
    body.set("messages", kept);
    body.remove("transforms");
    return new ChatRequest(
        request.model(), request.stream(), request.includeUsage(), request.toolsOffered(),
        request.user(), body, IngressOrigin.chat(body));
  }

  /** Groups the messages after the system ones: each starts an exchange, tool results join it. */
  private static List<List<JsonNode>> exchanges(JsonNode messages, int head) {
    List<List<JsonNode>> exchanges = new ArrayList<>();
    for (int i = head; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      if (exchanges.isEmpty() || !"tool".equals(message.path("role").asText())) {
        exchanges.add(new ArrayList<>());
      }
      exchanges.get(exchanges.size() - 1).add(message);
    }
    return exchanges;
  }

  /** Returns the indexes 1..n-2 (never the first or last), nearest the middle first. */
  static List<Integer> middleFirst(int n) {
    List<Integer> order = new ArrayList<>();
    if (n < 3) {
      return order;
    }
    int middle = (n - 1) / 2;
    for (int step = 0; order.size() < n - 2; step++) {
      int below = middle - step;
      int above = middle + step + 1;
      if (below >= 1) {
        order.add(below);
      }
      if (above <= n - 2 && order.size() < n - 2) {
        order.add(above);
      }
    }
    return order;
  }

  private static boolean isSystem(JsonNode message) {
    String role = message.path("role").asText();
    return role.equals("system") || role.equals("developer");
  }
}

package dev.switchboard.gateway.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Remembers how the client's tools were named for chat upstreams, to name their calls back:
 * freeform {@code custom} tools, whose calls are {@code custom_tool_call} items, and the functions
 * of a {@code namespace} tool, flattened to {@code <namespace>__<name>} (chat has no namespaces).
 */
final class ToolNames {
  private static final String SEPARATOR = "__";

  private final Set<String> custom = new HashSet<>();
  private final Map<String, String[]> namespaced = new HashMap<>();

  private ToolNames() {}

  /** Reads the tool names of a Responses request. */
  static ToolNames of(JsonNode request) {
    ToolNames names = new ToolNames();
    for (JsonNode tool : request.path("tools")) {
      String type = tool.path("type").asText("");
      if (type.equals("custom")) {
        names.custom.add(tool.path("name").asText(""));
      } else if (type.equals("namespace")) {
        String namespace = tool.path("name").asText("");
        for (JsonNode member : tool.path("tools")) {
          String name = member.path("name").asText("");
          String flat = flatten(namespace, name);
          names.namespaced.put(flat, new String[] {namespace, name});
          if ("custom".equals(member.path("type").asText())) {
            names.custom.add(flat);
          }
        }
      }
    }
    return names;
  }

  /** Returns the chat function name of {@code name} in {@code namespace} (none when null). */
  static String flatten(String namespace, String name) {
    return namespace == null || namespace.isEmpty() ? name : namespace + SEPARATOR + name;
  }

  /** Returns whether calls of the chat function {@code chatName} are custom tool calls. */
  boolean isCustom(String chatName) {
    return custom.contains(chatName);
  }

  /** Returns the client's name of the tool the chat function {@code chatName} stands for. */
  String name(String chatName) {
    String[] parts = namespaced.get(chatName);
    return parts == null ? chatName : parts[1];
  }

  /** Returns the namespace of the tool the chat function {@code chatName} stands for, or null. */
  String namespace(String chatName) {
    String[] parts = namespaced.get(chatName);
    return parts == null ? null : parts[0];
  }
}

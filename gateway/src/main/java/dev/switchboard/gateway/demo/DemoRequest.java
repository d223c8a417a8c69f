package dev.switchboard.gateway.demo;

import java.util.List;

/**
 * Holds the parts of a Chat Completions request the simulation reads.
 *
 * @param maxTokens {@code max_completion_tokens}, else {@code max_tokens}; null when unlimited
 */
record DemoRequest(
    String model,
    List<Message> messages,
    List<Tool> tools,
    ToolChoice toolChoice,
    boolean stream,
    boolean includeUsage,
    Integer maxTokens,
    String user) {

  DemoRequest {
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
  }

  /** Returns the text of the last message when it is a user message, else null. */
  String lastUserText() {
    Message last = messages.get(messages.size() - 1);
    return "user".equals(last.role()) ? last.text() : null;
  }

  /** Returns the text of the last message, whatever its role. */
  String lastText() {
    return messages.get(messages.size() - 1).text();
  }

  /**
   * Holds one input message flattened to text.
   *
   * @param text string content, text parts, and any assistant tool-call names and arguments
   * @param imageParts number of non-text parts (images, audio, files)
   */
  record Message(String role, String text, int imageParts) {}

  /**
   * Holds one offered function tool.
   *
   * @param definition the function object as JSON, counted as prompt tokens
   */
  record Tool(String name, String definition, List<Parameter> parameters) {
    Tool {
      parameters = List.copyOf(parameters);
    }
  }

  /** Holds one property of a tool's parameter schema. */
  record Parameter(String name, String type, List<String> enumValues) {
    Parameter {
      enumValues = List.copyOf(enumValues);
    }
  }

  /** Holds the request's {@code tool_choice}; {@code name} is set only for {@link Mode#NAMED}. */
  record ToolChoice(Mode mode, String name) {
    static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);

    /** Names the tool-choice modes of the OpenAI API. */
    enum Mode {
      AUTO,
      NONE,
      REQUIRED,
      NAMED
    }
  }
}

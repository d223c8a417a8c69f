package dev.switchboard.gateway.simulate.prompt;

import dev.switchboard.gateway.simulate.prompt.PromptBank.ToolText;
import java.util.List;

/**
 * Holds a request's conversation and offered tools, with the prompt tokens it was written to.
 *
 * @param estimatedTokens o200k tokens of the messages and tools, with OpenAI's per-message overhead
 */
public record ComposedPrompt(List<ChatTurn> messages, List<ToolText> tools, int estimatedTokens) {
  public ComposedPrompt {
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
  }
}

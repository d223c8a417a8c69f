package dev.switchboard.gateway.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Builds the Gemini {@code generateContent} body for an OpenAI chat request: conversation and
 * system instruction, function declarations and calling mode, generation config. OpenAI fields
 * Gemini has no equivalent for ({@code user}, {@code logit_bias}, {@code parallel_tool_calls},
 * {@code store}, {@code metadata}...) are not sent.
 */
final class GeminiRequestMapper {

  private GeminiRequestMapper() {}

  /**
   * Maps the client's body, which is read, never modified.
   *
   * @throws UntranslatableRequestException when the request uses something Gemini cannot express
   */
  static GeminiRequest map(JsonNode body) {
    ConversationMapper.Conversation conversation = ConversationMapper.map(body.path("messages"));
    return new GeminiRequest(
        conversation.contents(),
        conversation.systemInstruction(),
        ToolMapper.tools(body),
        ToolMapper.toolConfig(body),
        GenerationConfigMapper.map(body));
  }
}

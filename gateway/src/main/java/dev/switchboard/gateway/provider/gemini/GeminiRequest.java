package dev.switchboard.gateway.provider.gemini;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Mirrors the body of {@code generateContent} / {@code streamGenerateContent}
 * (https://ai.google.dev/api/generate-content#request-body); absent fields are not sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GeminiRequest(
    List<GeminiContent> contents,
    GeminiContent systemInstruction,
    List<Tool> tools,
    ToolConfig toolConfig,
    GenerationConfig generationConfig) {

  /** Declares the functions the model may call. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Tool(List<FunctionDeclaration> functionDeclarations) {}

  /**
   * Declares one function; {@code parameters} is Gemini's OpenAPI-subset schema, absent for a
   * function without parameters.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FunctionDeclaration(String name, String description, JsonNode parameters) {}

  /** Wraps the function-calling mode. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ToolConfig(FunctionCallingConfig functionCallingConfig) {}

  /** Says whether the model may, must or must not call functions, and which. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FunctionCallingConfig(String mode, List<String> allowedFunctionNames) {}

  /** Holds sampling, length, output-format and thinking settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record GenerationConfig(
      Long maxOutputTokens,
      List<String> stopSequences,
      Double temperature,
      Double topP,
      Integer topK,
      Long seed,
      Integer candidateCount,
      Double presencePenalty,
      Double frequencyPenalty,
      String responseMimeType,
      JsonNode responseJsonSchema,
      ThinkingConfig thinkingConfig) {}

  /** Sets the thinking budget in tokens (0 = off, -1 = dynamic) and whether summaries return. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ThinkingConfig(Integer thinkingBudget, Boolean includeThoughts) {}
}

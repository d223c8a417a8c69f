package dev.switchboard.gateway.provider.openaicompat;

/**
 * Describes how one OpenAI-compatible provider departs from OpenAI's Chat Completions API, so one
 * adapter can serve them all. The instances live in {@link OpenAiFlavors}.
 *
 * <p>Finish-reason extras ({@code model_length}, {@code sensitive}, {@code
 * insufficient_system_resource}...) are not a quirk: {@link OpenAiFinishReason} maps every known
 * value for every flavor, because aggregators such as OpenRouter relay other providers' values.
 *
 * @param flavor the name used in config ({@code flavor: deepseek})
 * @param endpoint where requests go and how the key is sent
 * @param sendsStreamOptions whether {@code stream_options.include_usage} is accepted; servers that
 *     reject unknown fields never get it
 * @param reasoningField where the provider puts reasoning text in its answers
 * @param reasoningKnob which request field turns reasoning on, off or up
 * @param acceptsJsonSchema whether {@code response_format: json_schema} is accepted ({@code
 *     json_object} is accepted by every flavor)
 * @param maxTokens which output-limit field the provider reads
 * @param understandsRouting whether OpenRouter's routing fields ({@code models}, {@code provider},
 *     {@code route}, {@code transforms}, {@code usage}, {@code reasoning}) are understood; other
 *     flavors never receive them
 */
public record OpenAiCompatQuirks(
    String flavor,
    Endpoint endpoint,
    boolean sendsStreamOptions,
    ReasoningField reasoningField,
    ReasoningKnob reasoningKnob,
    boolean acceptsJsonSchema,
    MaxTokens maxTokens,
    boolean understandsRouting) {

  /** Names the URL layout and key header a provider expects. */
  public enum Endpoint {
    /** {@code {base_url}/chat/completions} with {@code Authorization: Bearer <key>}. */
    OPENAI,
    /**
     * Azure OpenAI: {@code {resource}/openai/deployments/{model}/chat/completions?api-version=...}
     * with an {@code api-key} header; a base URL ending in {@code /v1} uses Azure's v1 API, which
     * takes the model in the body instead.
     */
    AZURE
  }

  /** Names where reasoning text arrives in a message or delta (wire-formats §0 rule 6). */
  public enum ReasoningField {
    /** Reasoning is never returned, only counted (OpenAI, Azure). */
    HIDDEN,
    /** {@code reasoning_content} (DeepSeek, Qwen, Z.ai, xAI grok-3-mini, Kimi, llama.cpp). */
    REASONING_CONTENT,
    /** {@code reasoning} (OpenRouter, Groq gpt-oss, Ollama, recent vLLM). */
    REASONING,
    /** Mistral {@code {"type":"thinking"}} content parts. */
    THINKING_PARTS,
    /** {@code <think>…</think>} inside {@code content} (MiniMax M2); counted as answer text. */
    INLINE_THINK_TAGS,
    /** Any of the above; nothing is assumed. */
    UNKNOWN
  }

  /** Names the request field that controls reasoning. */
  public enum ReasoningKnob {
    /** {@code reasoning_effort} (OpenAI and most servers that follow it). */
    REASONING_EFFORT,
    /** {@code reasoning_effort} of {@code low|high}, accepted only by grok-3-mini models. */
    GROK_3_MINI_EFFORT,
    /** Qwen's {@code enable_thinking} (+ {@code thinking_budget}). */
    ENABLE_THINKING,
    /** Z.ai's {@code thinking: {type: enabled|disabled}}. */
    THINKING_TYPE,
    /** OpenRouter's own {@code reasoning: {...}}, passed through as sent. */
    OPENROUTER,
    /**
     * None: the model name decides (deepseek-reasoner, magistral, kimi-k2-thinking, MiniMax M2).
     */
    MODEL_SELECTED
  }

  /** Names the output-limit field a provider reads. */
  public enum MaxTokens {
    /** Whatever the client sent is passed on. */
    AS_SENT,
    /** {@code max_completion_tokens} for reasoning models, which reject {@code max_tokens}. */
    REASONING_MODELS,
    /** {@code max_tokens} only; {@code max_completion_tokens} is renamed. */
    MAX_TOKENS
  }

  /**
   * Returns whether a {@code reasoning} field echoed back in an assistant message must be removed:
   * the gateway added it to answers, and this provider never defined it on input.
   */
  boolean dropsEchoedReasoning() {
    return reasoningField != ReasoningField.REASONING && reasoningField != ReasoningField.UNKNOWN;
  }
}

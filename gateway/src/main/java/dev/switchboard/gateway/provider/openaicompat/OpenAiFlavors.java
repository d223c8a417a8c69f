package dev.switchboard.gateway.provider.openaicompat;

import static dev.switchboard.gateway.provider.openaicompat.OpenAiCompatQuirks.Endpoint.AZURE;
import static dev.switchboard.gateway.provider.openaicompat.OpenAiCompatQuirks.Endpoint.OPENAI;
import static dev.switchboard.gateway.provider.openaicompat.OpenAiCompatQuirks.MaxTokens.AS_SENT;
import static dev.switchboard.gateway.provider.openaicompat.OpenAiCompatQuirks.MaxTokens.MAX_TOKENS;
import static dev.switchboard.gateway.provider.openaicompat.OpenAiCompatQuirks.MaxTokens.REASONING_MODELS;
import static dev.switchboard.gateway.provider.openaicompat.OpenAiCompatQuirks.ReasoningField.HIDDEN;
import static dev.switchboard.gateway.provider.openaicompat.OpenAiCompatQuirks.ReasoningField.INLINE_THINK_TAGS;
import static dev.switchboard.gateway.provider.openaicompat.OpenAiCompatQuirks.ReasoningField.REASONING;
import static dev.switchboard.gateway.provider.openaicompat.OpenAiCompatQuirks.ReasoningField.REASONING_CONTENT;
import static dev.switchboard.gateway.provider.openaicompat.OpenAiCompatQuirks.ReasoningField.THINKING_PARTS;
import static dev.switchboard.gateway.provider.openaicompat.OpenAiCompatQuirks.ReasoningField.UNKNOWN;
import static dev.switchboard.gateway.provider.openaicompat.OpenAiCompatQuirks.ReasoningKnob.ENABLE_THINKING;
import static dev.switchboard.gateway.provider.openaicompat.OpenAiCompatQuirks.ReasoningKnob.GROK_3_MINI_EFFORT;
import static dev.switchboard.gateway.provider.openaicompat.OpenAiCompatQuirks.ReasoningKnob.MODEL_SELECTED;
import static dev.switchboard.gateway.provider.openaicompat.OpenAiCompatQuirks.ReasoningKnob.OPENROUTER;
import static dev.switchboard.gateway.provider.openaicompat.OpenAiCompatQuirks.ReasoningKnob.REASONING_EFFORT;
import static dev.switchboard.gateway.provider.openaicompat.OpenAiCompatQuirks.ReasoningKnob.THINKING_TYPE;

import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names every OpenAI-compatible flavor with its quirks, and picks a provider's flavor: the one its
 * config names, else the one its base URL's host gives away, else {@code openai} for kind {@code
 * openai}, else {@code generic}. Sources: wire-formats §1, §4, §5; per-provider notes below.
 */
public final class OpenAiFlavors {

  private static final Map<String, OpenAiCompatQuirks> BY_NAME = new LinkedHashMap<>();

  static {
    // name, endpoint, stream_options, reasoning field, knob, json_schema, max tokens, routing
    add("openai", OPENAI, true, HIDDEN, REASONING_EFFORT, true, REASONING_MODELS, false);
    add("azure", AZURE, true, HIDDEN, REASONING_EFFORT, true, REASONING_MODELS, false);
    // DeepSeek: JSON output is json_object only; max_tokens only (api-docs.deepseek.com)
    add("deepseek", OPENAI, true, REASONING_CONTENT, MODEL_SELECTED, false, MAX_TOKENS, false);
    // xAI: reasoning_effort is rejected by every model but grok-3-mini (docs.x.ai reasoning guide)
    add("xai", OPENAI, true, REASONING_CONTENT, GROK_3_MINI_EFFORT, true, AS_SENT, false);
    // Mistral rejects unknown fields with 422 extra_forbidden, stream_options and
    // max_completion_tokens included (e.g. avante.nvim#2347, eca#231); it always reports usage
    add("mistral", OPENAI, false, THINKING_PARTS, MODEL_SELECTED, true, MAX_TOKENS, false);
    add("groq", OPENAI, true, REASONING, REASONING_EFFORT, true, AS_SENT, false);
    add("together", OPENAI, true, UNKNOWN, REASONING_EFFORT, true, AS_SENT, false);
    add("fireworks", OPENAI, true, UNKNOWN, REASONING_EFFORT, true, AS_SENT, false);
    // Moonshot/Kimi: response_format json_object only (platform.moonshot.ai docs)
    add("moonshot", OPENAI, true, REASONING_CONTENT, MODEL_SELECTED, false, MAX_TOKENS, false);
    add("qwen", OPENAI, true, REASONING_CONTENT, ENABLE_THINKING, true, MAX_TOKENS, false);
    // Z.ai: response_format text|json_object only (docs.z.ai); thinking:{type} seen in recordings
    add("zai", OPENAI, true, REASONING_CONTENT, THINKING_TYPE, false, MAX_TOKENS, false);
    add("minimax", OPENAI, true, INLINE_THINK_TAGS, MODEL_SELECTED, true, AS_SENT, false);
    add("openrouter", OPENAI, true, REASONING, OPENROUTER, true, AS_SENT, true);
    add("ollama", OPENAI, true, REASONING, REASONING_EFFORT, true, MAX_TOKENS, false);
    add("vllm", OPENAI, true, UNKNOWN, REASONING_EFFORT, true, AS_SENT, false);
    add("llamacpp", OPENAI, true, REASONING_CONTENT, REASONING_EFFORT, true, MAX_TOKENS, false);
    // Gemini's OpenAI endpoint (generativelanguage.googleapis.com/v1beta/openai): reasoning_effort
    // sets the thinking budget, thoughts stay hidden, and their tokens sit outside
    // completion_tokens (only total_tokens has them; ai.google.dev/gemini-api/docs/openai)
    add("gemini", OPENAI, true, HIDDEN, REASONING_EFFORT, true, MAX_TOKENS, false);
    add("generic", OPENAI, true, UNKNOWN, REASONING_EFFORT, true, AS_SENT, false);
  }

  private OpenAiFlavors() {}

  /** Returns the flavor names, in the order of {@link ProviderConfig#FLAVORS}. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /**
   * Returns the quirks named {@code flavor}.
   *
   * @throws IllegalArgumentException for a name that is not a flavor (config validation rejects
   *     those before they get here)
   */
  public static OpenAiCompatQuirks named(String flavor) {
    OpenAiCompatQuirks quirks = BY_NAME.get(flavor);
    if (quirks == null) {
      throw new IllegalArgumentException(
          "unknown flavor '" + flavor + "' (allowed: " + String.join(", ", BY_NAME.keySet()) + ")");
    }
    return quirks;
  }

  /** Returns the quirks of {@code provider}: configured, else inferred. */
  public static OpenAiCompatQuirks of(ProviderConfig provider) {
    if (provider.flavor() != null) {
      return named(provider.flavor());
    }
    return named(infer(provider));
  }

  /** Returns the flavor name of {@code provider}: configured, else inferred from its base URL. */
  public static String flavorOf(ProviderConfig provider) {
    return provider.flavor() != null ? provider.flavor() : infer(provider);
  }

  /** Returns the flavor a provider without an explicit one gets. */
  static String infer(ProviderConfig provider) {
    String host = provider.baseUrl().getHost();
    host = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (isOrUnder(host, "openai.azure.com") || isOrUnder(host, "cognitiveservices.azure.com")) {
      return "azure";
    }
    if (isOrUnder(host, "api.openai.com")) {
      return "openai";
    }
    String byHost = byHost(host);
    if (byHost != null) {
      return byHost;
    }
    if (provider.baseUrl().getPort() == 11434 || isOrUnder(host, "ollama.com")) {
      return "ollama"; // 11434 is Ollama's default port
    }
    return provider.kind() == ProviderKind.OPENAI ? "openai" : "generic";
  }

  private static String byHost(String host) {
    if (isOrUnder(host, "api.deepseek.com")) {
      return "deepseek";
    }
    if (isOrUnder(host, "api.x.ai")) {
      return "xai";
    }
    if (isOrUnder(host, "openrouter.ai")) {
      return "openrouter";
    }
    if (isOrUnder(host, "api.groq.com")) {
      return "groq";
    }
    if (isOrUnder(host, "api.mistral.ai")) {
      return "mistral";
    }
    if (host.startsWith("dashscope") && host.endsWith(".aliyuncs.com")) {
      return "qwen"; // dashscope.aliyuncs.com, dashscope-intl.aliyuncs.com
    }
    if (isOrUnder(host, "api.z.ai") || isOrUnder(host, "bigmodel.cn")) {
      return "zai";
    }
    if (host.startsWith("api.moonshot.")) {
      return "moonshot"; // api.moonshot.ai, api.moonshot.cn
    }
    if (host.startsWith("api.minimax")) {
      return "minimax"; // api.minimax.io, api.minimaxi.com
    }
    if (isOrUnder(host, "api.together.xyz") || isOrUnder(host, "api.together.ai")) {
      return "together";
    }
    if (isOrUnder(host, "api.fireworks.ai")) {
      return "fireworks";
    }
    if (isOrUnder(host, "generativelanguage.googleapis.com")) {
      return "gemini";
    }
    return null;
  }

  private static boolean isOrUnder(String host, String domain) {
    return host.equals(domain) || host.endsWith("." + domain);
  }

  private static void add(
      String name,
      OpenAiCompatQuirks.Endpoint endpoint,
      boolean streamOptions,
      OpenAiCompatQuirks.ReasoningField field,
      OpenAiCompatQuirks.ReasoningKnob knob,
      boolean jsonSchema,
      OpenAiCompatQuirks.MaxTokens maxTokens,
      boolean routing) {
    BY_NAME.put(
        name,
        new OpenAiCompatQuirks(
            name, endpoint, streamOptions, field, knob, jsonSchema, maxTokens, routing));
  }
}

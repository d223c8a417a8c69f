package dev.switchboard.gateway.observability;

import dev.switchboard.config.ProviderConfig;
import dev.switchboard.gateway.api.Dialect;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.TokenUsage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.util.List;

/**
 * Names from the OpenTelemetry GenAI semantic conventions: attribute keys, operation names and
 * the well-known provider names.
 */
public final class GenAi {
  public static final String OPERATION_NAME = "gen_ai.operation.name";
  public static final String PROVIDER_NAME = "gen_ai.provider.name";
  public static final String REQUEST_MODEL = "gen_ai.request.model";
  public static final String RESPONSE_MODEL = "gen_ai.response.model";
  public static final String RESPONSE_ID = "gen_ai.response.id";
  public static final String RESPONSE_FINISH_REASONS = "gen_ai.response.finish_reasons";
  public static final String USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";
  public static final String USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
  public static final String TOKEN_TYPE = "gen_ai.token.type";
  public static final String ERROR_TYPE = "error.type";

  private static final AttributeKey<List<String>> FINISH_REASONS =
      AttributeKey.stringArrayKey(RESPONSE_FINISH_REASONS);

  private GenAi() {}

  /** Puts what an answer reported on {@code span}: its model, token usage and finish reason. */
  static void answer(Span span, String model, TokenUsage usage, FinishReason finish) {
    if (model != null) {
      span.setAttribute(RESPONSE_MODEL, model);
    }
    if (usage.promptTokens() != null) {
      span.setAttribute(USAGE_INPUT_TOKENS, usage.promptTokens());
    }
    if (usage.completionTokens() != null) {
      span.setAttribute(USAGE_OUTPUT_TOKENS, usage.completionTokens());
    }
    if (finish != null) {
      span.setAttribute(FINISH_REASONS, List.of(finish.wireName()));
    }
  }

  /** Returns the operation an ingress API performs: {@code embeddings}, else {@code chat}. */
  public static String operation(String api) {
    return Dialect.EMBEDDINGS.wireName().equals(api) ? "embeddings" : "chat";
  }

  /**
   * Returns the convention's name for a provider ({@code openai}, {@code anthropic}, {@code
   * aws.bedrock}, {@code gcp.vertex_ai}, {@code gcp.gemini}); an OpenAI-compatible provider is
   * named by its configured id (such as {@code groq} or {@code deepseek}, which the conventions
   * also list).
   */
  public static String providerName(ProviderConfig provider) {
    return switch (provider.kind()) {
      case OPENAI -> "openai";
      case ANTHROPIC -> "anthropic";
      case BEDROCK -> "aws.bedrock";
      case VERTEX -> "gcp.vertex_ai";
      case GEMINI -> "gcp.gemini";
      case OPENAI_COMPATIBLE -> provider.id();
    };
  }
}

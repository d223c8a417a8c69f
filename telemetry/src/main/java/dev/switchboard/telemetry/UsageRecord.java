package dev.switchboard.telemetry;

import java.time.Instant;

/**
 * Records one request through the gateway, whatever its outcome. Null fields are unknown or not
 * applicable (e.g. no served model when routing failed).
 *
 * @param id the request id, also the response id the client saw
 * @param apiKeyId gateway key id, or {@code anonymous}
 * @param endUser the request's {@code user} field
 * @param app the calling app (X-Title, else HTTP-Referer)
 * @param requestedModel the model name the client sent
 * @param servedModel the model name the upstream reported (or was asked for)
 * @param provider the provider id from config
 * @param normalizedPromptTokens prompt length counted with o200k_base
 * @param normalizedCompletionTokens completion length counted with o200k_base
 * @param toolsOffered whether the request defined tools
 * @param toolCalls number of distinct tool calls in the answer
 * @param nativeFinishReason the upstream's own finish value
 * @param httpStatus status sent to the client
 * @param errorType OpenAI-style error type when the request failed
 * @param latencyMs from request received to last byte sent
 * @param ttftMs from request received to first content byte sent (streams), else null
 * @param costUsd cost from catalog prices, null when prices or tokens are unknown
 */
public record UsageRecord(
    String id,
    Instant timestamp,
    String apiKeyId,
    String endUser,
    String app,
    String requestedModel,
    String servedModel,
    String provider,
    ModelFacts model,
    boolean streamed,
    TokenUsage usage,
    Long normalizedPromptTokens,
    Long normalizedCompletionTokens,
    boolean toolsOffered,
    int toolCalls,
    FinishReason finishReason,
    String nativeFinishReason,
    int httpStatus,
    Outcome outcome,
    String errorType,
    long latencyMs,
    Long ttftMs,
    Double costUsd) {}

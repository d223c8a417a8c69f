package dev.switchboard.telemetry;

import java.time.Instant;
import java.util.List;

/**
 * Records one request through the gateway, whatever its outcome. Null fields are unknown or not
 * applicable (e.g. no served model when routing failed). Build with {@link #builder}.
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
 * @param costUsd what the request cost: the provider's reported cost when it gives one, else
 *     catalog prices; null when unknown
 * @param country ISO 3166-1 alpha-2 country of the calling key (billing location), or null
 * @param continent continent of {@code country} ({@code North America}, {@code Asia}, ...), or null
 * @param classification category and language; {@link Classification#unclassified} when not done
 * @param attempts upstream attempts made (0 when the request never reached a provider)
 * @param byok whether the provider billed the customer's own key (excluded from price analyses)
 * @param providerAttempts every upstream attempt in order, the serving one last; empty when the
 *     request never reached a provider
 * @param api the ingress API the request came in on: {@code chat}, {@code messages}, {@code
 *     responses}, or {@code embeddings} (counted in tokens and spend, left out of analyses of
 *     answers such as reasoning and tool-call shares)
 * @param judgeCategory the category label a judge model gave this request ({@code
 *     classifier.judge}), or null when it was not judged
 * @param tags the request's normalized tags ({@code x-switchboard-tags}, {@code metadata.tags}),
 *     comma-separated in the order sent, or null when it carried none
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
    Double costUsd,
    String country,
    String continent,
    Classification classification,
    int attempts,
    boolean byok,
    List<ProviderAttempt> providerAttempts,
    String api,
    String judgeCategory,
    String tags) {

  /** The ingress API of records that do not say (chat completions, the first API). */
  public static final String DEFAULT_API = "chat";

  public UsageRecord {
    api = api == null ? DEFAULT_API : api;
    model = model == null ? ModelFacts.unknown() : model;
    usage = usage == null ? TokenUsage.unknown() : usage;
    classification = classification == null ? Classification.unclassified("not_run") : classification;
    providerAttempts = providerAttempts == null ? List.of() : List.copyOf(providerAttempts);
  }

  /** Returns a record without per-attempt details. */
  public UsageRecord(
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
      Double costUsd,
      String country,
      String continent,
      Classification classification,
      int attempts,
      boolean byok) {
    this(id, timestamp, apiKeyId, endUser, app, requestedModel, servedModel, provider, model,
        streamed, usage, normalizedPromptTokens, normalizedCompletionTokens, toolsOffered,
        toolCalls, finishReason, nativeFinishReason, httpStatus, outcome, errorType, latencyMs,
        ttftMs, costUsd, country, continent, classification, attempts, byok, List.of(), null, null, null);
  }

  /** Returns a record without tags (as before tags were recorded). */
  public UsageRecord(
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
      Double costUsd,
      String country,
      String continent,
      Classification classification,
      int attempts,
      boolean byok,
      List<ProviderAttempt> providerAttempts,
      String api,
      String judgeCategory) {
    this(id, timestamp, apiKeyId, endUser, app, requestedModel, servedModel, provider, model,
        streamed, usage, normalizedPromptTokens, normalizedCompletionTokens, toolsOffered,
        toolCalls, finishReason, nativeFinishReason, httpStatus, outcome, errorType, latencyMs,
        ttftMs, costUsd, country, continent, classification, attempts, byok, providerAttempts, api,
        judgeCategory, null);
  }

  /** Returns a copy carrying {@code attemptDetails}. */
  public UsageRecord withProviderAttempts(List<ProviderAttempt> attemptDetails) {
    return toBuilder().providerAttempts(attemptDetails).build();
  }

  /** Starts a record for request {@code id} received at {@code timestamp}. */
  public static Builder builder(String id, Instant timestamp) {
    return new Builder(id, timestamp);
  }

  /** Returns a builder holding this record's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(id, timestamp);
    b.apiKeyId = apiKeyId;
    b.endUser = endUser;
    b.app = app;
    b.requestedModel = requestedModel;
    b.servedModel = servedModel;
    b.provider = provider;
    b.model = model;
    b.streamed = streamed;
    b.usage = usage;
    b.normalizedPromptTokens = normalizedPromptTokens;
    b.normalizedCompletionTokens = normalizedCompletionTokens;
    b.toolsOffered = toolsOffered;
    b.toolCalls = toolCalls;
    b.finishReason = finishReason;
    b.nativeFinishReason = nativeFinishReason;
    b.httpStatus = httpStatus;
    b.outcome = outcome;
    b.errorType = errorType;
    b.latencyMs = latencyMs;
    b.ttftMs = ttftMs;
    b.costUsd = costUsd;
    b.country = country;
    b.continent = continent;
    b.classification = classification;
    b.attempts = attempts;
    b.byok = byok;
    b.api = api;
    b.judgeCategory = judgeCategory;
    b.tags = tags;
    b.providerAttempts = providerAttempts;
    return b;
  }

  /** Collects a record's fields by name; unset fields are null, false or 0. */
  public static final class Builder {
    private final String id;
    private final Instant timestamp;
    private String apiKeyId;
    private String endUser;
    private String app;
    private String requestedModel;
    private String servedModel;
    private String provider;
    private ModelFacts model;
    private boolean streamed;
    private TokenUsage usage;
    private Long normalizedPromptTokens;
    private Long normalizedCompletionTokens;
    private boolean toolsOffered;
    private int toolCalls;
    private FinishReason finishReason;
    private String nativeFinishReason;
    private int httpStatus;
    private Outcome outcome;
    private String errorType;
    private long latencyMs;
    private Long ttftMs;
    private Double costUsd;
    private String country;
    private String continent;
    private Classification classification;
    private int attempts;
    private boolean byok;
    private String api;
    private String judgeCategory;
    private String tags;
    private List<ProviderAttempt> providerAttempts;

    private Builder(String id, Instant timestamp) {
      this.id = id;
      this.timestamp = timestamp;
    }

    public Builder caller(String apiKeyId, String endUser, String app) {
      this.apiKeyId = apiKeyId;
      this.endUser = endUser;
      this.app = app;
      return this;
    }

    public Builder location(String country, String continent) {
      this.country = country;
      this.continent = continent;
      return this;
    }

    public Builder models(String requestedModel, String servedModel, String provider, ModelFacts model) {
      this.requestedModel = requestedModel;
      this.servedModel = servedModel;
      this.provider = provider;
      this.model = model;
      return this;
    }

    public Builder streamed(boolean value) {
      this.streamed = value;
      return this;
    }

    public Builder usage(TokenUsage value) {
      this.usage = value;
      return this;
    }

    public Builder normalizedTokens(Long prompt, Long completion) {
      this.normalizedPromptTokens = prompt;
      this.normalizedCompletionTokens = completion;
      return this;
    }

    public Builder tools(boolean offered, int calls) {
      this.toolsOffered = offered;
      this.toolCalls = calls;
      return this;
    }

    public Builder finish(FinishReason reason, String nativeReason) {
      this.finishReason = reason;
      this.nativeFinishReason = nativeReason;
      return this;
    }

    public Builder result(int status, Outcome result, String error) {
      this.httpStatus = status;
      this.outcome = result;
      this.errorType = error;
      return this;
    }

    public Builder timing(long latency, Long ttft) {
      this.latencyMs = latency;
      this.ttftMs = ttft;
      return this;
    }

    public Builder cost(Double usd, boolean bringYourOwnKey) {
      this.costUsd = usd;
      this.byok = bringYourOwnKey;
      return this;
    }

    /** Sets the ingress API ({@code chat}, {@code messages}, {@code responses}). */
    public Builder api(String value) {
      this.api = value;
      return this;
    }

    /** Sets the category label a judge model gave, or null when the request was not judged. */
    public Builder judgeCategory(String value) {
      this.judgeCategory = value;
      return this;
    }

    /** Sets the request's tags, comma-separated, or null when it carried none. */
    public Builder tags(String value) {
      this.tags = value;
      return this;
    }

    public Builder classification(Classification value) {
      this.classification = value;
      return this;
    }

    public Builder attempts(int value) {
      this.attempts = value;
      return this;
    }

    public Builder providerAttempts(List<ProviderAttempt> value) {
      this.providerAttempts = value;
      return this;
    }

    public UsageRecord build() {
      return new UsageRecord(
          id, timestamp, apiKeyId, endUser, app, requestedModel, servedModel, provider, model,
          streamed, usage, normalizedPromptTokens, normalizedCompletionTokens, toolsOffered,
          toolCalls, finishReason, nativeFinishReason, httpStatus, outcome, errorType, latencyMs,
          ttftMs, costUsd, country, continent, classification, attempts, byok, providerAttempts,
          api, judgeCategory, tags);
    }
  }
}

package dev.switchboard.config;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Describes one upstream provider account.
 *
 * @param id unique name routes refer to
 * @param baseUrl API root, e.g. {@code https://api.openai.com/v1}
 * @param apiKey the key, resolved from the environment only when the provider is used
 * @param headers extra headers sent on every upstream request
 * @param flavor which OpenAI-compatible dialect the provider speaks (one of {@link #FLAVORS}), or
 *     null to infer it from {@code baseUrl}; only meaningful for the OpenAI kinds
 * @param collectsData whether the provider may store or train on requests; null is unknown,
 *     which requests asking for {@code data_collection: deny} treat as yes
 * @param cloud the AWS or Google Cloud account of a {@code bedrock} or {@code vertex} provider;
 *     null for the other kinds
 */
public record ProviderConfig(
    String id,
    ProviderKind kind,
    URI baseUrl,
    SecretRef apiKey,
    Map<String, String> headers,
    String flavor,
    Boolean collectsData,
    CloudAccount cloud) {

  /**
   * Lists the flavors {@code flavor} may name. The gateway's OpenAI-compatible adapter holds one
   * quirks record per name (a test keeps the two in step).
   */
  public static final List<String> FLAVORS =
      List.of(
          "openai",
          "azure",
          "deepseek",
          "xai",
          "mistral",
          "groq",
          "together",
          "fireworks",
          "moonshot",
          "qwen",
          "zai",
          "minimax",
          "openrouter",
          "ollama",
          "vllm",
          "llamacpp",
          "gemini",
          "generic");

  public ProviderConfig {
    headers = Map.copyOf(headers);
  }

  /** Returns a provider that needs no cloud account (every kind but bedrock and vertex). */
  public ProviderConfig(
      String id,
      ProviderKind kind,
      URI baseUrl,
      SecretRef apiKey,
      Map<String, String> headers,
      String flavor,
      Boolean collectsData) {
    this(id, kind, baseUrl, apiKey, headers, flavor, collectsData, null);
  }

  /** Returns the AWS account of a bedrock provider. */
  public AwsAccount aws() {
    if (cloud instanceof AwsAccount aws) {
      return aws;
    }
    throw new IllegalStateException("provider '" + id + "' has no AWS account");
  }

  /** Returns the Google Cloud account of a vertex provider. */
  public GcpAccount gcp() {
    if (cloud instanceof GcpAccount gcp) {
      return gcp;
    }
    throw new IllegalStateException("provider '" + id + "' has no Google Cloud account");
  }

  /** Returns a provider whose flavor is inferred from its base URL and whose data policy is unknown. */
  public ProviderConfig(
      String id, ProviderKind kind, URI baseUrl, SecretRef apiKey, Map<String, String> headers) {
    this(id, kind, baseUrl, apiKey, headers, null, null);
  }

  /** Returns a provider of the given flavor whose data policy is unknown. */
  public ProviderConfig(
      String id,
      ProviderKind kind,
      URI baseUrl,
      SecretRef apiKey,
      Map<String, String> headers,
      String flavor) {
    this(id, kind, baseUrl, apiKey, headers, flavor, null);
  }

  /** Returns a provider whose flavor is inferred from its base URL, with a known data policy. */
  public ProviderConfig(
      String id,
      ProviderKind kind,
      URI baseUrl,
      SecretRef apiKey,
      Map<String, String> headers,
      Boolean collectsData) {
    this(id, kind, baseUrl, apiKey, headers, null, collectsData);
  }
}

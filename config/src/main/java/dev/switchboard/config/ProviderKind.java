package dev.switchboard.config;

import java.util.Arrays;
import java.util.Optional;

/** Names the wire protocol family a provider speaks. */
public enum ProviderKind {
  OPENAI("openai"),
  ANTHROPIC("anthropic"),
  GEMINI("gemini"),
  OPENAI_COMPATIBLE("openai-compatible"),
  /** AWS Bedrock's Converse API, signed with SigV4 or a Bedrock API key. */
  BEDROCK("bedrock"),
  /** Google Vertex AI: Gemini and Claude under one project and location, OAuth2 tokens. */
  VERTEX("vertex");

  private final String configName;

  ProviderKind(String configName) {
    this.configName = configName;
  }

  /** Returns the name used in switchboard.yaml. */
  public String configName() {
    return configName;
  }

  /** Finds the kind spelled {@code name} in switchboard.yaml. */
  public static Optional<ProviderKind> fromConfigName(String name) {
    return Arrays.stream(values()).filter(k -> k.configName.equals(name)).findFirst();
  }
}

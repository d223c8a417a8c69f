package dev.switchboard.gateway.provider;

import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.gateway.provider.anthropic.AnthropicAdapter;
import dev.switchboard.gateway.provider.bedrock.BedrockAdapter;
import dev.switchboard.gateway.provider.gemini.GeminiAdapter;
import dev.switchboard.gateway.provider.openaicompat.OpenAiCompatAdapter;
import dev.switchboard.gateway.provider.vertex.VertexAdapter;
import io.vertx.core.http.HttpClient;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Maps each provider kind to its adapter: the one place provider kinds are switched on. */
public final class ProviderRegistry {
  private final Map<ProviderKind, ProviderAdapter> adapters;

  private ProviderRegistry(Map<ProviderKind, ProviderAdapter> adapters) {
    this.adapters = adapters;
  }

  /** Creates the adapters available in this build, all sharing one pooled HTTP client. */
  public static ProviderRegistry create(HttpClient client, ServerConfig server) {
    Map<ProviderKind, ProviderAdapter> adapters = new EnumMap<>(ProviderKind.class);
    OpenAiCompatAdapter openAi = new OpenAiCompatAdapter(client, server);
    adapters.put(ProviderKind.OPENAI, openAi);
    adapters.put(ProviderKind.OPENAI_COMPATIBLE, openAi);
    adapters.put(ProviderKind.ANTHROPIC, new AnthropicAdapter(client, server));
    adapters.put(ProviderKind.GEMINI, new GeminiAdapter(client, server));
    adapters.put(ProviderKind.BEDROCK, new BedrockAdapter(client, server));
    adapters.put(ProviderKind.VERTEX, new VertexAdapter(client, server));
    return new ProviderRegistry(adapters);
  }

  /** Returns the adapter for {@code kind}, if this build has one. */
  public Optional<ProviderAdapter> adapterFor(ProviderKind kind) {
    return Optional.ofNullable(adapters.get(kind));
  }
}

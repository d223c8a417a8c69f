package dev.switchboard.gateway.provider.vertex;

import dev.switchboard.config.ServerConfig;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.ChunkStream;
import dev.switchboard.gateway.provider.EmbeddingAdapter;
import dev.switchboard.gateway.provider.ProviderAdapter;
import dev.switchboard.gateway.provider.UpstreamCall;
import dev.switchboard.gateway.provider.anthropic.AnthropicAdapter;
import dev.switchboard.gateway.provider.gemini.GeminiAdapter;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Function;

/**
 * Talks to Vertex AI: Claude models ({@code claude-…}, or any model written {@code
 * anthropic/…}) through {@code rawPredict}, every other model through Gemini's {@code
 * generateContent}, both with the provider's OAuth2 token.
 */
public final class VertexAdapter implements ProviderAdapter, EmbeddingAdapter {
  private final GeminiAdapter gemini;
  private final AnthropicAdapter claude;
  private final VertexEmbeddings embeddings;

  public VertexAdapter(HttpClient client, ServerConfig server) {
    this(client, server, Clock.systemUTC(), System::getenv);
  }

  /** Creates an adapter reading time from {@code clock} and variables from {@code env}. */
  public VertexAdapter(
      HttpClient client, ServerConfig server, Clock clock, Function<String, String> env) {
    VertexTokens tokens = new VertexTokens(clock, env);
    this.gemini = new GeminiAdapter(client, server, new VertexEndpoints.Gemini(tokens));
    this.claude = new AnthropicAdapter(client, server, clock, new VertexEndpoints.Claude(tokens));
    this.embeddings = new VertexEmbeddings(client, server, tokens);
  }

  @Override
  public Future<ChatCompletion> embed(UpstreamCall call) {
    return embeddings.embed(call);
  }

  @Override
  public Future<ChatCompletion> complete(UpstreamCall call) {
    return isClaude(call) ? claude.complete(call) : gemini.complete(call);
  }

  @Override
  public Future<ChunkStream> stream(UpstreamCall call) {
    return isClaude(call) ? claude.stream(call) : gemini.stream(call);
  }

  private static boolean isClaude(UpstreamCall call) {
    String model = call.target().upstreamModel().toLowerCase(Locale.ROOT);
    return model.startsWith("anthropic/") || model.startsWith("claude");
  }
}

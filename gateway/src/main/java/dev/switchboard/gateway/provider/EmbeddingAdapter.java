package dev.switchboard.gateway.provider;

import dev.switchboard.gateway.api.Dialect;
import io.vertx.core.Future;

/**
 * Embeds texts: the optional capability of the provider families that serve embedding models.
 * The answer travels as a {@link ChatCompletion} so the pipeline (routing, limits, budgets,
 * records) serves it unchanged: its summary holds the usage, its native body the vectors.
 */
public interface EmbeddingAdapter {

  /**
   * Sends an embedding request ({@link EmbeddingInput#of} reads it from the call). Fails with
   * {@link UpstreamFailure} like {@link ProviderAdapter#complete}.
   */
  Future<ChatCompletion> embed(UpstreamCall call);

  /** Returns whether {@code call} asks for embeddings rather than a chat answer. */
  static boolean isEmbedding(UpstreamCall call) {
    return call.request().origin().is(Dialect.EMBEDDINGS);
  }

  /**
   * Serves {@code call} with {@code adapter}'s embeddings, or refuses it for a family that has
   * none.
   */
  static Future<ChatCompletion> embed(ProviderAdapter adapter, UpstreamCall call) {
    if (adapter instanceof EmbeddingAdapter embeddings) {
      return embeddings.embed(call);
    }
    return Future.failedFuture(
        UpstreamFailures.rejected(
            "embeddings_not_supported",
            "Provider '" + call.target().provider().id() + "' ("
                + call.target().provider().kind().configName() + ") does not serve embeddings."));
  }
}

package dev.switchboard.gateway.state.postgres;

import dev.switchboard.gateway.state.StoreUnavailableException;
import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a reactive call on behalf of a blocking contract ({@code TeamStore}, {@code AlertLog},
 * whose callers run on worker threads): never call it on an event loop. An unreachable server or a
 * call past the timeout becomes {@link StoreUnavailableException}.
 */
final class PgBlocking {
  private static final long TIMEOUT_MS = 5_000;

  private PgBlocking() {}

  static <T> T await(Future<T> call, String what) {
    try {
      return call.recover(t -> PgFailures.mapped(t, what))
          .toCompletionStage().toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException("cannot " + what, e.getCause());
    } catch (TimeoutException e) {
      throw new StoreUnavailableException("cannot " + what + ": no answer in " + TIMEOUT_MS + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("cannot " + what + ": interrupted", e);
    }
  }
}

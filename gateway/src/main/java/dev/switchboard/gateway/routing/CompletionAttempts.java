package dev.switchboard.gateway.routing;

import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.EmbeddingAdapter;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Runs non-streaming attempts. Upstreams send nothing before the whole answer, so the first-byte
 * limit applies to the whole answer (as does the total limit); there is no idle gap to watch.
 */
final class CompletionAttempts implements AttemptRunner<ChatCompletion> {

  @Override
  public Future<AttemptOutcome<ChatCompletion>> run(Attempt attempt) {
    Promise<AttemptOutcome<ChatCompletion>> outcome = Promise.promise();
    AttemptTimers timers = attempt.timers();
    timers.start(
        kind -> {
          // report first: abandoning fails the pending upstream call, which must not win the race
          outcome.tryComplete(
              AttemptOutcome.failed(kind.failure(timers.limit(kind)), kind.label(), null));
          attempt.abandon();
        });
    // an embedding request rides the same attempts: only the adapter's method differs
    (EmbeddingAdapter.isEmbedding(attempt.call())
            ? EmbeddingAdapter.embed(attempt.adapter(), attempt.call())
            : attempt.adapter().complete(attempt.call()))
        .onComplete(
            answer -> {
              timers.stop();
              if (answer.succeeded()) {
                outcome.tryComplete(
                    AttemptOutcome.served(answer.result(), answer.result().summary(), null, null, null));
              } else {
                outcome.tryComplete(AttemptOutcome.failed(FailureClass.asFailure(answer.cause())));
              }
            });
    return outcome.future();
  }
}

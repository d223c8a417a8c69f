package dev.switchboard.gateway.routing;

import dev.switchboard.gateway.provider.ChunkStream;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.StreamEnd;
import dev.switchboard.gateway.provider.UpstreamFailure;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Runs streaming attempts: opens the upstream stream, wraps it with the attempt's timers, and
 * hands it to the consumer, whose report says whether the client saw any of it.
 */
final class StreamAttempts implements AttemptRunner<StreamEnd> {
  private final StreamConsumer consumer;
  private final Ticker ticker;

  StreamAttempts(StreamConsumer consumer, Ticker ticker) {
    this.consumer = consumer;
    this.ticker = ticker;
  }

  @Override
  public Future<AttemptOutcome<StreamEnd>> run(Attempt attempt) {
    Promise<AttemptOutcome<StreamEnd>> outcome = Promise.promise();
    AttemptTimers timers = attempt.timers();
    timers.start(
        kind -> {
          // report first: abandoning fails the pending upstream call, which must not win the race
          outcome.tryComplete(
              AttemptOutcome.failed(kind.failure(timers.limit(kind)), kind.label(), null));
          attempt.abandon();
        });
    attempt.adapter().stream(attempt.call()).onComplete(opened -> relay(attempt, opened, outcome));
    return outcome.future();
  }

  private void relay(
      Attempt attempt, AsyncResult<ChunkStream> opened, Promise<AttemptOutcome<StreamEnd>> outcome) {
    if (outcome.future().isComplete()) {
      if (opened.succeeded()) {
        opened.result().cancel(); // timed out or abandoned while the headers were on their way
      }
      return;
    }
    if (opened.failed()) {
      attempt.timers().stop();
      outcome.tryComplete(AttemptOutcome.failed(FailureClass.asFailure(opened.cause())));
      return;
    }
    WatchedChunkStream stream = new WatchedChunkStream(opened.result(), attempt.timers(), ticker);
    attempt.onStreamOpened(stream::cancel);
    consumer
        .consume(stream, attempt.target())
        .onComplete(
            result -> {
              if (result.failed()) {
                stream.cancel();
                outcome.tryComplete(AttemptOutcome.failed(FailureClass.asFailure(result.cause())));
              } else {
                outcome.tryComplete(outcomeOf(result.result(), stream));
              }
            });
  }

  private static AttemptOutcome<StreamEnd> outcomeOf(StreamOutcome result, WatchedChunkStream stream) {
    TimeoutKind expired = stream.expired();
    if (!result.relayed()) {
      String type =
          expired != null
              ? expired.label()
              : result.errorType() != null ? result.errorType() : FailureClass.label(result.failure());
      Integer status =
          StreamOutcome.STREAM_ERROR.equals(type) ? result.failure().error().httpStatus() : Integer.valueOf(200);
      return AttemptOutcome.failed(result.failure(), type, status);
    }
    StreamEnd end = result.end();
    ResponseSummary summary = end.summary();
    UpstreamFailure failure = end.failure();
    String type = null;
    if (failure != null) {
      type = expired != null ? expired.label() : FailureClass.label(failure);
    } else if (summary.error() != null) {
      failure = new UpstreamFailure(UpstreamFailure.Kind.HTTP_ERROR, summary.error());
      type = StreamOutcome.STREAM_ERROR;
    }
    return AttemptOutcome.served(end, summary, stream.firstChunkNanos(), failure, type);
  }
}

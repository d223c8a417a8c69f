package dev.switchboard.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.Dialect;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.dialect.AnswerContext;
import dev.switchboard.gateway.dialect.IngressCodec;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.RawObject;
import dev.switchboard.gateway.provider.StreamEnd;
import dev.switchboard.gateway.provider.UpstreamFailure;
import dev.switchboard.gateway.routing.DispatchResult;
import dev.switchboard.gateway.usage.UsageDraft;
import dev.switchboard.gateway.usage.UsageRecorder;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.Outcome;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * Writes how a request ended (the answer or an error in its dialect, nothing for a client that
 * left) and records it, with every upstream attempt, exactly once. The record is journaled before
 * the answer's last write, so an answer the client received is never lost to a crash.
 */
final class ChatResponder {
  private final UsageRecorder recorder;
  private final IngressCodec codec;
  private final Clock clock;

  ChatResponder(UsageRecorder recorder, IngressCodec codec, Clock clock) {
    this.recorder = recorder;
    this.codec = codec;
    this.clock = clock;
  }

  /** Ends a non-streaming request. */
  void completed(
      HttpServerResponse response,
      UsageDraft draft,
      ChatRequest request,
      DispatchResult<ChatCompletion> result) {
    note(draft, result);
    switch (result.status()) {
      case SERVED -> {
        ChatCompletion completion = result.value();
        draft.answer(completion.summary(), completion.completionText());
        long created = clock.instant().getEpochSecond();
        RawObject raw = relayable(completion);
        Buffer relayed = null;
        if (raw != null) {
          relayed = relay(raw, draft, result.target().publicModel(), created);
        } else {
          ChunkShaper.shapeCompletion(completion.body(), draft.id(), result.target().publicModel(), created);
          costUsage(completion.body(), draft);
          draft.responseBody(completion.body());
        }
        // an answer that itself reports failure (e.g. Gemini MALFORMED_FUNCTION_CALL) is not a success
        boolean failedInBand = completion.summary().finishReason() == FinishReason.ERROR;
        draft.outcome(
            200,
            failedInBand ? Outcome.UPSTREAM_ERROR : Outcome.SUCCESS,
            failedInBand ? "upstream_error" : null);
        if (!response.closed()) {
          ServedBy.putHeaders(response, result.target());
          recorder.journal(draft);
          response
              .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
              .end(relayed != null ? relayed : JsonCodec.write(codec.encodeCompletion(
                  completion,
                  new AnswerContext(draft.id(), result.target().publicModel(), created, request))));
        }
      }
      case FAILED -> failUpstream(response, draft, result.failure());
      case REJECTED -> refuse(response, draft, noAllowedProviders(result.rejection()));
      case CANCELLED -> draft.outcome(499, Outcome.CANCELLED, "cancelled");
    }
    recorder.finish(draft);
  }

  /**
   * Returns the answer as the upstream's bytes when the client speaks chat completions too and
   * nothing read it as a tree yet, else null.
   */
  private RawObject relayable(ChatCompletion completion) {
    return completion.body() instanceof RawObject raw && !raw.parsed() && codec.dialect() == Dialect.CHAT
        ? raw
        : null;
  }

  /** Writes a relayable answer as {@link ChunkShaper} would shape its tree. */
  private static Buffer relay(RawObject raw, UsageDraft draft, String publicModel, long created) {
    ObjectNode usage = raw.layout().usage();
    RawAnswerWriter.UsageEdit edit = RawAnswerWriter.UsageEdit.NONE;
    if (usage != null) {
      boolean hadCost = usage.has("cost");
      edit = RawAnswerWriter.UsageEdit.of(costUsage(ChunkShaper.holding(usage), draft), hadCost, usage);
    }
    Buffer out = Buffer.buffer(raw.layout().close() - raw.layout().start() + 256);
    new RawAnswerWriter(draft.id(), publicModel, created).completion(raw, edit, out);
    if (draft.storesBodies()) {
      try {
        draft.responseBody((ObjectNode) JsonCodec.read(out));
      } catch (IOException e) {
        throw new UncheckedIOException(e); // written from a scanned object and edits of our own
      }
    }
    return out;
  }

  /**
   * Restates the answer's usage as recorded and gives it its cost; returns whether the counts
   * were restated.
   */
  private static boolean costUsage(ObjectNode message, UsageDraft draft) {
    boolean restated = ChunkShaper.alignUsage(message);
    draft.reportedCost(ChunkShaper.reportedCost(message));
    ChunkShaper.putCost(message, draft.cost());
    return restated;
  }

  /** Ends a streaming request; a served stream was already written and ended by its relay. */
  void streamed(HttpServerResponse response, UsageDraft draft, DispatchResult<StreamEnd> result) {
    note(draft, result);
    switch (result.status()) {
      case SERVED -> {
        // the relay wrote the stream and set its outcome
      }
      case FAILED -> failUpstream(response, draft, result.failure());
      case REJECTED -> refuse(response, draft, noAllowedProviders(result.rejection()));
      case CANCELLED -> {
        if (result.partial() != null) {
          draft.answer(result.partial().summary(), result.partial().completionText());
        }
        draft.outcome(499, Outcome.CANCELLED, "cancelled");
      }
    }
    recorder.finish(draft);
  }

  /** Answers and records a request refused before any upstream was tried. */
  void reject(HttpServerResponse response, UsageDraft draft, ApiError error) {
    refuse(response, draft, error);
    recorder.finish(draft);
  }

  private void refuse(HttpServerResponse response, UsageDraft draft, ApiError error) {
    draft.outcome(error.status(), Outcome.CLIENT_ERROR, error.type());
    recorder.journal(draft);
    ErrorResponder.send(response, codec.dialect(), error, null);
  }

  private static void note(UsageDraft draft, DispatchResult<?> result) {
    draft.attempts(result.attempts());
    if (result.target() != null) {
      draft.target(result.target());
    }
  }

  private void failUpstream(HttpServerResponse response, UsageDraft draft, UpstreamFailure failure) {
    ApiError error = UpstreamErrors.toApiError(failure);
    draft.outcome(error.status(), UpstreamErrors.outcome(failure), error.type());
    recorder.journal(draft);
    ErrorResponder.send(response, codec.dialect(), error, failure.error().retryAfterSeconds());
  }

  private static ApiError noAllowedProviders(String message) {
    // OpenRouter answers 404 when preferences leave no provider for the model
    return new ApiError(404, "invalid_request_error", "no_allowed_providers", "provider", message);
  }
}

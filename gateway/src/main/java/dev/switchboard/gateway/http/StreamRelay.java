package dev.switchboard.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.ChunkStream;
import dev.switchboard.gateway.provider.ProviderAdapter;
import dev.switchboard.gateway.provider.StreamEnd;
import dev.switchboard.gateway.provider.UpstreamCall;
import dev.switchboard.gateway.provider.UpstreamFailure;
import dev.switchboard.gateway.provider.openaicompat.OpenAiUsageParser;
import dev.switchboard.gateway.usage.UsageDraft;
import dev.switchboard.gateway.usage.UsageRecorder;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.TokenUsage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;

/**
 * Relays one streamed answer to the client as SSE, chunk by chunk as the upstream sends it, with
 * backpressure; ends with {@code [DONE]}, or with an error event when the upstream fails midway.
 */
final class StreamRelay {
  private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

  private final UpstreamCall call;
  private final HttpServerResponse response;
  private final UsageDraft draft;
  private final UsageRecorder recorder;
  private final long created;
  private ChunkStream stream;
  private boolean usageSent;
  private boolean errorSent;

  StreamRelay(
      UpstreamCall call,
      HttpServerResponse response,
      UsageDraft draft,
      UsageRecorder recorder,
      Clock clock) {
    this.call = call;
    this.response = response;
    this.draft = draft;
    this.recorder = recorder;
    this.created = clock.instant().getEpochSecond();
  }

  void start(ProviderAdapter adapter) {
    response.closeHandler(v -> onClientGone());
    adapter
        .stream(call)
        .onSuccess(this::relay)
        .onFailure(this::failBeforeFirstByte);
  }

  private void relay(ChunkStream upstream) {
    this.stream = upstream;
    if (response.closed()) {
      upstream.cancel();
      return;
    }
    response.setStatusCode(200);
    response.setChunked(true);
    response.putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    response.putHeader("X-Accel-Buffering", "no");
    upstream.endHandler(this::onEnd);
    upstream.handler(this::onChunk);
  }

  private void onChunk(ObjectNode chunk) {
    if (response.closed()) {
      return;
    }
    boolean hasError = chunk.has("error");
    ChunkShaper.shapeChunk(chunk, draft.id(), call.request().model(), created, call.request().includeUsage());
    if (!call.request().includeUsage() && ChunkShaper.isEmptyUsageOnlyChunk(chunk)) {
      return;
    }
    if (chunk.path("usage").isObject()) {
      usageSent = true;
      costUsage(chunk);
    }
    if (!chunk.path("choices").isEmpty()) {
      draft.firstToken(System.nanoTime());
    }
    errorSent |= hasError;
    write(chunk);
  }

  /** Gives the usage chunk its {@code cost}, keeping a cost the provider reported. */
  private void costUsage(ObjectNode chunk) {
    Double reported = ChunkShaper.reportedCost(chunk);
    if (reported != null) {
      draft.reportedCost(reported);
      return;
    }
    TokenUsage usage = OpenAiUsageParser.parse(chunk.get("usage"));
    if (usage != null && usage.isReported()) {
      ChunkShaper.putCost(chunk, draft.costOf(usage));
    }
  }

  private void write(ObjectNode event) {
    Buffer frame = Buffer.buffer(6 + 256).appendString("data: ").appendBuffer(JsonCodec.write(event)).appendString("\n\n");
    response.write(frame);
    if (response.writeQueueFull()) {
      stream.pause();
      response.drainHandler(v -> stream.resume());
    }
  }

  private void onEnd(StreamEnd end) {
    draft.answer(end.summary(), end.completionText());
    if (response.closed()) {
      return;
    }
    if (end.failure() != null) {
      endWithError(end.failure());
      return;
    }
    if (call.request().includeUsage() && !usageSent && end.summary().usage().isReported()) {
      write(UsageChunk.of(draft.id(), call.request().model(), created, end.summary().usage(),
          draft.costOf(end.summary().usage())));
    }
    boolean inBandError = errorSent || end.summary().finishReason() == FinishReason.ERROR;
    if (inBandError) {
      draft.outcome(200, Outcome.UPSTREAM_ERROR, "upstream_error");
      response.end(); // OpenAI clients treat an error event without [DONE] as a failed stream
    } else {
      draft.outcome(200, Outcome.SUCCESS, null);
      response.end(DONE);
    }
    recorder.finish(draft);
  }

  private void endWithError(UpstreamFailure failure) {
    ApiError error = UpstreamErrors.toApiError(failure);
    draft.outcome(200, UpstreamErrors.outcome(failure), error.type());
    write(error.toJson());
    response.end();
    recorder.finish(draft);
  }

  private void failBeforeFirstByte(Throwable cause) {
    UpstreamFailure failure = UpstreamErrors.asFailure(cause);
    ApiError error = UpstreamErrors.toApiError(failure);
    draft.outcome(error.status(), UpstreamErrors.outcome(failure), error.type());
    ErrorResponder.send(response, error, failure.error().retryAfterSeconds());
    recorder.finish(draft);
  }

  private void onClientGone() {
    if (response.ended()) {
      return;
    }
    if (stream != null) {
      StreamEnd partial = stream.cancel();
      draft.answer(partial.summary(), partial.completionText());
    }
    draft.outcome(499, Outcome.CANCELLED, "cancelled");
    recorder.finish(draft);
  }
}

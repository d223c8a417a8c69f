package dev.switchboard.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.Dialect;
import dev.switchboard.gateway.dialect.AnswerContext;
import dev.switchboard.gateway.dialect.IngressCodec;
import dev.switchboard.gateway.dialect.StreamEncoder;
import dev.switchboard.gateway.provider.ChunkStream;
import dev.switchboard.gateway.provider.RawObject;
import dev.switchboard.gateway.provider.RelayLayout;
import dev.switchboard.gateway.provider.StreamEnd;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.UpstreamFailure;
import dev.switchboard.gateway.provider.openaicompat.OpenAiUsageParser;
import dev.switchboard.gateway.routing.ResolvedTarget;
import dev.switchboard.gateway.routing.StreamConsumer;
import dev.switchboard.gateway.routing.StreamOutcome;
import dev.switchboard.gateway.usage.UsageDraft;
import dev.switchboard.gateway.usage.UsageRecorder;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.TokenUsage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Relays streamed answers to the client as SSE, chunk by chunk as the upstream sends them, with
 * backpressure. Nothing is written until the first good chunk: a stream that fails or sends an
 * error before it is reported back unrelayed, so the dispatcher can try another target. Once
 * relaying has begun the stream ends as its dialect ends a stream (chat: {@code [DONE]}), or with
 * the dialect's error event when the upstream fails midway; it is never retried. The frames are
 * the ingress dialect's: the relay hands every chat chunk to its {@link StreamEncoder}.
 */
final class StreamRelay implements StreamConsumer {

  private final HttpServerResponse response;
  private final UsageDraft draft;
  private final UsageRecorder recorder;
  private final ChatRequest request;
  private final long created;
  private final IngressCodec codec;
  private StreamEncoder encoder;
  private RawAnswerWriter rawWriter;
  private ChunkStream stream;
  private ResolvedTarget target;
  private Promise<StreamOutcome> outcome;
  private boolean committed;
  private boolean usageSent;
  private boolean errorSent;
  private Context context;
  // events of one event-loop turn, written together: a write (and a flush syscall) per event was
  // the largest part of relaying in profiles, since upstream reads often carry several events
  private Buffer pending;

  StreamRelay(
      HttpServerResponse response,
      UsageDraft draft,
      UsageRecorder recorder,
      ChatRequest request,
      IngressCodec codec,
      Clock clock) {
    this.response = response;
    this.draft = draft;
    this.recorder = recorder;
    this.request = request;
    this.codec = codec;
    this.created = clock.instant().getEpochSecond();
  }

  @Override
  public Future<StreamOutcome> consume(ChunkStream upstream, ResolvedTarget servedBy) {
    this.stream = upstream;
    this.target = servedBy;
    draft.target(servedBy); // the usage chunk's cost needs the serving target's prices now
    this.outcome = Promise.promise();
    this.context = Vertx.currentContext();
    if (response.closed()) {
      upstream.cancel(); // the client left; the dispatch is being cancelled
      return outcome.future();
    }
    upstream.endHandler(this::onEnd);
    upstream.handler(this::onChunk);
    return outcome.future();
  }

  private void onChunk(ObjectNode chunk) {
    if (response.closed()) {
      return;
    }
    if (chunk instanceof RawObject raw && !raw.parsed() && codec.dialect() == Dialect.CHAT) {
      onRawChunk(raw);
      return;
    }
    boolean hasError = chunk.has("error");
    if (!committed) {
      if (hasError) {
        // an error before anything reached the client: let the dispatcher try elsewhere
        StreamEnd partial = stream.cancel();
        outcome.tryComplete(StreamOutcome.notRelayed(partial, inBandFailure(partial), StreamOutcome.STREAM_ERROR));
        return;
      }
      commit();
    }
    ChunkShaper.shapeChunk(chunk, draft.id(), target.publicModel(), created, request.includeUsage());
    if (!request.includeUsage() && ChunkShaper.isEmptyUsageOnlyChunk(chunk)) {
      return;
    }
    if (chunk.path("usage").isObject()) {
      usageSent = true;
      ChunkShaper.alignUsage(chunk);
      costUsage(chunk);
    }
    if (!chunk.path("choices").isEmpty()) {
      draft.firstToken(System.nanoTime());
    }
    errorSent |= hasError;
    write(chunk);
  }

  /**
   * Relays a plain chunk of the client's own dialect as the upstream's bytes, shaped as {@link
   * #onChunk} shapes a tree; its scan already declined any chunk carrying an error.
   */
  private void onRawChunk(RawObject chunk) {
    if (!committed) {
      commit();
    }
    RelayLayout layout = chunk.layout();
    if (!request.includeUsage() && layout.choicesEmpty()) {
      return; // a usage-only chunk the client did not ask for
    }
    RawAnswerWriter.UsageEdit edit = RawAnswerWriter.UsageEdit.NONE;
    ObjectNode usage = layout.usage();
    if (request.includeUsage() && usage != null) {
      usageSent = true;
      boolean hadCost = usage.has("cost");
      ObjectNode holder = ChunkShaper.holding(usage);
      boolean restated = ChunkShaper.alignUsage(holder);
      costUsage(holder);
      edit = RawAnswerWriter.UsageEdit.of(restated, hadCost, usage);
    }
    if (!layout.choicesEmpty()) {
      draft.firstToken(System.nanoTime());
    }
    RawAnswerWriter.UsageEdit usageEdit = edit;
    append(out -> ChatCodec.frame(
        out, json -> rawWriter.chunk(chunk, request.includeUsage(), usageEdit, json)));
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

  private void commit() {
    committed = true;
    encoder = codec.streamEncoder(new AnswerContext(draft.id(), target.publicModel(), created, request));
    rawWriter = new RawAnswerWriter(draft.id(), target.publicModel(), created);
    response.setStatusCode(200);
    response.setChunked(true);
    response.putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    response.putHeader("X-Accel-Buffering", "no");
    ServedBy.putHeaders(response, target);
  }

  private void write(ObjectNode chunk) {
    append(out -> encoder.chunk(chunk, out));
  }

  /** Appends frames to what this turn writes, which is flushed once the turn ends. */
  private void append(Consumer<Buffer> frames) {
    boolean first = pending == null;
    if (first) {
      pending = Buffer.buffer(512);
    }
    frames.accept(pending);
    if (first) {
      if (context != null) {
        context.runOnContext(v -> flush());
      } else {
        flush();
      }
    }
  }

  /** Writes what this turn produced, and holds the upstream while the client cannot keep up. */
  private void flush() {
    Buffer frames = pending;
    pending = null;
    if (frames == null || response.ended() || response.closed()) {
      return;
    }
    response.write(frames);
    if (response.writeQueueFull()) {
      stream.pause();
      response.drainHandler(v -> stream.resume());
    }
  }

  /**
   * Journals the record, then writes what is pending, with the closing frames {@code last}
   * appends, and ends the response.
   */
  private void end(Consumer<Buffer> last) {
    recorder.journal(draft); // before the last byte leaves: the client never sees an unjournaled end
    Buffer frames = pending;
    pending = null;
    if (frames == null) {
      frames = Buffer.buffer(256);
    }
    last.accept(frames);
    response.end(frames);
  }

  private void onEnd(StreamEnd end) {
    if (!committed) {
      UpstreamFailure failure = end.failure() != null ? end.failure() : emptyStream();
      outcome.tryComplete(
          StreamOutcome.notRelayed(end, failure, end.failure() != null ? null : StreamOutcome.EMPTY_STREAM));
      return;
    }
    draft.answer(end.summary(), end.completionText());
    if (response.closed()) {
      outcome.tryComplete(StreamOutcome.relayed(end));
      return;
    }
    if (end.failure() != null) {
      ApiError error = UpstreamErrors.toApiError(end.failure());
      draft.outcome(200, UpstreamErrors.outcome(end.failure()), error.type());
      end(frames -> encoder.failed(error, frames));
    } else {
      if (request.includeUsage() && !usageSent && end.summary().usage().isReported()) {
        write(
            UsageChunk.of(
                draft.id(),
                target.publicModel(),
                created,
                end.summary().usage(),
                draft.costOf(end.summary().usage())));
      }
      boolean inBandError = errorSent || end.summary().finishReason() == FinishReason.ERROR;
      if (inBandError) {
        draft.outcome(200, Outcome.UPSTREAM_ERROR, "upstream_error");
      } else {
        draft.outcome(200, Outcome.SUCCESS, null);
      }
      end(frames -> encoder.finished(inBandError, frames));
    }
    outcome.tryComplete(StreamOutcome.relayed(end));
  }

  private static UpstreamFailure inBandFailure(StreamEnd partial) {
    UpstreamError error = partial.summary().error();
    if (error == null) {
      error = new UpstreamError(502, "upstream_error", null, "The provider failed mid-stream.", null);
    }
    // retryable whatever status it names: the client has seen nothing yet
    return new UpstreamFailure(UpstreamFailure.Kind.BAD_RESPONSE, error);
  }

  private static UpstreamFailure emptyStream() {
    return new UpstreamFailure(
        UpstreamFailure.Kind.BAD_RESPONSE,
        new UpstreamError(
            502, "upstream_error", StreamOutcome.EMPTY_STREAM, "The provider ended the stream without an answer.", null));
  }
}

package dev.switchboard.gateway.usage;

import dev.switchboard.config.catalog.ModelInfo;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.config.catalog.ModelPrices;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import dev.switchboard.gateway.observability.RequestLog;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.telemetry.Classification;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.ModelFacts;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.UsageSink;
import dev.switchboard.telemetry.journal.UsageJournal;
import dev.switchboard.telemetry.tokens.TokenCounter;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a draft per request and, when the request ends, builds its usage record on a background
 * thread (tokenizing can be heavy), has it classified on the bounded classifier pool and hands it
 * to the sink. Before the answer's last byte is written, {@link #journal} makes the record durable
 * as far as it is known then, so a crash between the answer and the store loses nothing.
 */
public final class UsageRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);
  public static final String ANONYMOUS_KEY = "anonymous";

  /** The reason recorded for requests whose body never parsed into a chat request. */
  public static final String NO_REQUEST = "no_request";

  // drafts waiting for the builder thread; beyond this they go to the worker pool instead
  private static final int BUILDER_CAPACITY = 8192;

  private final Vertx vertx;
  private final UsageSink sink;
  private final GatewayMetrics metrics;
  private final ClassificationPool classification;
  private final Clock clock;
  private final BodySink bodies;
  private final UsageJournal journal;
  private final RecordJudge judge;
  private final RequestLog requestLog;
  private final TokenCounter tokenCounter = TokenCounter.o200k();
  private final PromptTokens promptTokens = new PromptTokens(tokenCounter);
  private final RecordBuilderThread builder = new RecordBuilderThread(BUILDER_CAPACITY);

  public UsageRecorder(
      Vertx vertx,
      UsageSink sink,
      GatewayMetrics metrics,
      ClassificationPool classification,
      Clock clock,
      BodySink bodies) {
    this(vertx, sink, metrics, classification, clock, bodies, UsageJournal.disabled());
  }

  public UsageRecorder(
      Vertx vertx,
      UsageSink sink,
      GatewayMetrics metrics,
      ClassificationPool classification,
      Clock clock,
      BodySink bodies,
      UsageJournal journal) {
    this(vertx, sink, metrics, classification, clock, bodies, journal, RecordJudge.none());
  }

  /**
   * Returns a recorder whose classified records pass {@code judge} before they are stored (a
   * sampled record's final write waits for its judge, bounded by the judge's timeout: the journal
   * already holds the record's draft since the answer ended, so the wait risks nothing).
   */
  public UsageRecorder(
      Vertx vertx,
      UsageSink sink,
      GatewayMetrics metrics,
      ClassificationPool classification,
      Clock clock,
      BodySink bodies,
      UsageJournal journal,
      RecordJudge judge) {
    this(vertx, sink, metrics, classification, clock, bodies, journal, judge, RequestLog.off());
  }

  /** Returns a recorder that also writes {@code requestLog}'s line for every finished request. */
  public UsageRecorder(
      Vertx vertx,
      UsageSink sink,
      GatewayMetrics metrics,
      ClassificationPool classification,
      Clock clock,
      BodySink bodies,
      UsageJournal journal,
      RecordJudge judge,
      RequestLog requestLog) {
    this.judge = judge;
    this.requestLog = requestLog;
    this.journal = journal;
    this.vertx = vertx;
    this.sink = sink;
    this.metrics = metrics;
    this.classification = classification;
    this.clock = clock;
    this.bodies = bodies;
  }

  /** Starts a draft for a request arriving now. */
  public UsageDraft open(String app) {
    return open(app, Optional.empty());
  }

  /** Starts a draft recorded at {@code simulatedAt} when present (simulation mode), else now. */
  public UsageDraft open(String app, Optional<Instant> simulatedAt) {
    String id = RequestIds.next();
    Instant at = simulatedAt.orElseGet(clock::instant);
    return new UsageDraft(id, at, System.nanoTime(), ANONYMOUS_KEY, app);
  }

  /**
   * Ends the draft's measurement now and journals what is known of its record (everything but our
   * own token counts and the classification): call it after the outcome is set and before the
   * answer's last write. Runs on the event loop without I/O; once per draft, later calls do nothing.
   */
  public void journal(UsageDraft draft) {
    if (draft.endNanos != 0) {
      return;
    }
    draft.endNanos = System.nanoTime();
    if (draft.outcome == null) {
      draft.outcome(500, Outcome.GATEWAY_ERROR, "server_error");
    }
    if (journal == UsageJournal.disabled()) {
      return;
    }
    try {
      draft.journaled = build(draft, draft.endNanos, false);
      journal.draft(draft.journaled);
    } catch (RuntimeException e) {
      // the journal must never break an answer; the record still follows the in-memory path
      LOG.warn("usage record for {} could not be journaled: {}", draft.id, e.toString());
    }
  }

  /**
   * Ends the draft: journals it unless {@link #journal} already did, then builds the record off the
   * event loop, has it classified on the bounded classifier pool (the response is already sent) and
   * sinks it.
   */
  public void finish(UsageDraft draft) {
    if (!draft.markFinished()) {
      return;
    }
    journal(draft);
    long endNanos = draft.endNanos;
    Runnable job = () -> record(draft, endNanos);
    if (!builder.offer(job)) {
      // a backlog this deep (or a closing gateway): never lose the record, take a worker thread
      vertx
          .executeBlocking(() -> {
            job.run();
            return null;
          }, false)
          .onFailure(t -> LOG.warn("usage record for {} could not be built: {}", draft.id, t.toString()));
    }
  }

  /** Builds, settles and sinks one record; runs on the builder thread (or a worker). */
  private void record(UsageDraft draft, long endNanos) {
    UsageRecord record;
    try {
      record = build(draft, endNanos, true);
    } catch (RuntimeException e) {
      LOG.warn("usage record for {} could not be built: {}", draft.id, e.toString());
      if (draft.journaled != null) {
        // what the journal holds is still worth storing, and leaving it unstored would hold the
        // journal's acknowledgement back
        deliver(draft, draft.journaled);
      }
      return;
    }
    settle(draft, record);
    if (draft.storeBodies) {
      bodies.accept(body(draft, record));
    }
    classifyThenSink(draft, record);
  }

  /** Runs every queued record to its end; later ones are built on worker threads. */
  @Override
  public void close() {
    builder.close();
  }

  private void settle(UsageDraft draft, UsageRecord record) {
    try {
      draft.onRecorded.accept(record);
    } catch (RuntimeException e) {
      // limits and budgets must never lose the record itself
      LOG.warn("settling usage of {} failed: {}", record.id(), e.toString());
    }
  }

  /** Serializes the bodies on the worker thread: they can be megabytes. */
  private static StoredBody body(UsageDraft draft, UsageRecord record) {
    String request = draft.request == null ? null : JsonCodec.write(draft.request.body()).toString();
    String response;
    if (draft.responseBody != null) {
      response = JsonCodec.write(draft.responseBody).toString();
    } else if (draft.completionText != null) {
      // a stream is not kept chunk by chunk; its text (answer, reasoning, tool arguments) is
      var text = JsonCodec.object().put("object", "chat.completion.stream.text");
      text.put("text", draft.completionText);
      response = JsonCodec.write(text).toString();
    } else {
      response = null;
    }
    return new StoredBody(record.id(), record.apiKeyId(), record.timestamp(), request, response);
  }

  private void classifyThenSink(UsageDraft draft, UsageRecord record) {
    if (draft.request == null) {
      deliver(draft, record.toBuilder().classification(Classification.unclassified(NO_REQUEST)).build());
      return;
    }
    if (draft.unclassifiedReason != null) {
      // the gateway's own traffic (the judge's calls): counted, never classified nor judged
      deliver(draft, record.toBuilder().classification(Classification.unclassified(draft.unclassifiedReason)).build());
      return;
    }
    ChatRequest request = draft.request;
    classification.classify(
        () -> ClassifierInputMapper.map(request.body()),
        result -> review(draft, record.toBuilder().classification(result).build(), request));
  }

  /** Lets the judge see a classified record; a failing judge must never lose the record. */
  private void review(UsageDraft draft, UsageRecord record, ChatRequest request) {
    try {
      judge.review(record, request, judged -> deliver(draft, judged));
    } catch (RuntimeException e) {
      LOG.warn("judge failed on {}: {}", record.id(), e.toString());
      deliver(draft, record);
    }
  }

  /**
   * Hands a finished record to the sink, the metrics, the request's trace and the request log;
   * runs on a worker or classifier thread.
   */
  private void deliver(UsageDraft draft, UsageRecord record) {
    sink.accept(record);
    try {
      metrics.recorded(record);
      draft.trace.finish(record, draft.endNanos - draft.startNanos);
      requestLog.write(record, draft.route);
    } catch (RuntimeException e) {
      // observing must never break serving; the record itself is already queued
      LOG.warn("metrics, trace or request log update failed for {}: {}", record.id(), e.toString());
    }
  }

  /**
   * Builds the record; {@code countTokens} false (the journal's draft) leaves our own token counts
   * unknown, which is cheap enough for the event loop, and marks it unclassified as replayed.
   */
  private UsageRecord build(UsageDraft draft, long endNanos, boolean countTokens) {
    ResponseSummary summary = draft.summary;
    TokenUsage usage = summary == null ? TokenUsage.unknown() : summary.usage();
    if (!PlausibleUsage.isPlausible(usage)) {
      // one hostile upstream must not poison the stats, budgets and costs: not reported instead
      if (countTokens) { // counted once per request: the journal's draft is built from the same answer
        metrics.usageRefused(draft.target == null ? "none" : draft.target.provider().id());
      }
      usage = TokenUsage.unknown();
    }
    ModelInfo info = draft.target == null ? null : draft.target.catalogEntry().orElse(null);
    Long normalizedPrompt =
        draft.request == null || !countTokens ? null : promptTokens.count(draft.request);
    Long normalizedCompletion =
        draft.completionText == null || !countTokens ? null : (long) tokenCounter.count(draft.completionText);
    FinishReason finish = summary == null ? null : summary.finishReason();
    if (finish == null && draft.outcome != Outcome.SUCCESS && draft.target != null) {
      finish = FinishReason.ERROR;
    }
    return UsageRecord.builder(draft.id, draft.timestamp)
        .caller(draft.apiKeyId, draft.request == null ? null : draft.request.user(), draft.app)
        .location(draft.country, draft.continent)
        .models(
            draft.requestedModel,
            servedModel(draft),
            draft.target == null ? null : draft.target.provider().id(),
            info == null ? ModelFacts.unknown() : ModelFacts.of(info))
        .streamed(draft.request != null && draft.request.stream())
        .api(draft.api)
        .tags(draft.tags)
        .usage(usage)
        .normalizedTokens(normalizedPrompt, normalizedCompletion)
        .tools(draft.request != null && draft.request.toolsOffered(), summary == null ? 0 : summary.toolCalls())
        .finish(finish, summary == null ? null : summary.nativeFinishReason())
        .result(draft.httpStatus, draft.outcome, draft.errorType)
        .timing(
            TimeUnit.NANOSECONDS.toMillis(endNanos - draft.startNanos),
            draft.firstTokenNanos == null
                ? null
                : TimeUnit.NANOSECONDS.toMillis(draft.firstTokenNanos - draft.startNanos))
        .cost(draft.costOf(usage), summary != null && summary.byok())
        .attempts(draft.attempts.size())
        .providerAttempts(draft.attempts)
        .classification(countTokens ? null : Classification.unclassified(UsageJournal.REPLAYED))
        .build();
  }

  private static String servedModel(UsageDraft draft) {
    if (draft.summary != null && draft.summary.servedModel() != null) {
      return draft.summary.servedModel();
    }
    return draft.target == null ? null : draft.target.upstreamModel();
  }
}

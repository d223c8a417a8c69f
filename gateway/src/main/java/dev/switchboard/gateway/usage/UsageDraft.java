package dev.switchboard.gateway.usage;

import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.routing.ResolvedTarget;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.ProviderAttempt;
import java.time.Instant;
import java.util.List;

/**
 * Accumulates one request's facts on its event loop while it is served; confined to that loop,
 * so it needs no synchronization.
 */
public final class UsageDraft {
  final String id;
  final Instant timestamp;
  final long startNanos;
  final String apiKeyId;
  final String app;
  ChatRequest request;
  String requestedModel;
  ResolvedTarget target;
  List<ProviderAttempt> attempts = List.of();
  ResponseSummary summary;
  String completionText;
  Long firstTokenNanos;
  int httpStatus;
  Outcome outcome;
  String errorType;
  private boolean finished;

  UsageDraft(String id, Instant timestamp, long startNanos, String apiKeyId, String app) {
    this.id = id;
    this.timestamp = timestamp;
    this.startNanos = startNanos;
    this.apiKeyId = apiKeyId;
    this.app = app;
  }

  /** Returns the request id, which is also the response id. */
  public String id() {
    return id;
  }

  /** Notes the parsed request. */
  public void request(ChatRequest parsed) {
    this.request = parsed;
    this.requestedModel = parsed.model();
  }

  /** Notes the model name the client sent even when the body failed validation later. */
  public void requestedModel(String model) {
    this.requestedModel = model;
  }

  /** Notes the target that served the request, or the last one tried. */
  public void target(ResolvedTarget resolved) {
    this.target = resolved;
  }

  /** Notes every upstream attempt made, in order. */
  public void attempts(List<ProviderAttempt> made) {
    this.attempts = List.copyOf(made);
  }

  /** Notes what was measured from the answer. */
  public void answer(ResponseSummary measured, String text) {
    this.summary = measured;
    this.completionText = text;
  }

  /** Notes the moment the first content reached the client (streams). */
  public void firstToken(long nanos) {
    if (firstTokenNanos == null) {
      firstTokenNanos = nanos;
    }
  }

  /** Notes how the request ended; the first call wins. */
  public void outcome(int status, Outcome result, String error) {
    if (outcome != null) {
      return;
    }
    this.httpStatus = status;
    this.outcome = result;
    this.errorType = error;
  }

  /** Marks the draft finished; returns false when it already was (records are written once). */
  boolean markFinished() {
    if (finished) {
      return false;
    }
    finished = true;
    return true;
  }
}

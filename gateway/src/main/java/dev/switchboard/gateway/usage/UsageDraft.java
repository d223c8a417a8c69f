package dev.switchboard.gateway.usage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.catalog.ModelPrices;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.observability.RequestTrace;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.routing.ResolvedTarget;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.ProviderAttempt;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.cost.CostCalculator;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Accumulates one request's facts on its event loop while it is served; confined to that loop,
 * so it needs no synchronization.
 */
public final class UsageDraft {
  final String id;
  final Instant timestamp;
  final long startNanos;
  final String app;
  String apiKeyId;
  String country;
  String continent;
  boolean storeBodies;
  ObjectNode responseBody;
  Double reportedCost;
  Consumer<UsageRecord> onRecorded = record -> {};
  ChatRequest request;
  String requestedModel;
  String api = UsageRecord.DEFAULT_API;
  String tags;
  ResolvedTarget target;
  List<ProviderAttempt> attempts = List.of();
  ResponseSummary summary;
  String completionText;
  Long firstTokenNanos;
  int httpStatus;
  Outcome outcome;
  String errorType;
  String unclassifiedReason; // set for the gateway's own traffic, which category analyses leave out
  long endNanos; // when the answer ended (set by the recorder's journal step), 0 before
  UsageRecord journaled; // the record as journaled when the answer ended, null when not journaled
  RequestTrace trace = RequestTrace.NONE;
  String route;
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

  /** Notes who called: the gateway key id and its billing country and continent. */
  public void caller(String keyId, String billingCountry, String billingContinent) {
    this.apiKeyId = keyId;
    this.country = billingCountry;
    this.continent = billingContinent;
  }

  /** Asks for the request and response bodies to be stored (the key opted in). */
  public void storeBodies(boolean store) {
    this.storeBodies = store;
  }

  /** Returns whether bodies are stored for this request. */
  public boolean storesBodies() {
    return storeBodies;
  }

  /** Notes the whole non-streamed answer sent; kept only when bodies are stored. */
  public void responseBody(ObjectNode body) {
    if (storeBodies) {
      this.responseBody = body;
    }
  }

  /** Notes the cost the provider reported (OpenRouter's {@code usage.cost}), which wins. */
  public void reportedCost(Double usd) {
    if (usd != null && usd >= 0 && Double.isFinite(usd)) {
      this.reportedCost = usd;
    }
  }

  /** Runs {@code listener} with the record once it is built (limits and budgets settle here). */
  public void onRecorded(Consumer<UsageRecord> listener) {
    this.onRecorded = listener;
  }

  /**
   * Returns what {@code usage} costs: the provider's reported cost when it gave one, else the
   * catalog prices of the target; null when unknown.
   */
  public Double costOf(TokenUsage usage) {
    // the adapter's reading (OpenRouter cost incl. BYOK fees, xAI ticks) beats a raw usage.cost
    if (summary != null && summary.providerCostUsd() != null) {
      return summary.providerCostUsd();
    }
    if (reportedCost != null) {
      return reportedCost;
    }
    ModelPrices prices =
        target == null
            ? ModelPrices.unknown()
            : target.catalogEntry().map(info -> info.prices()).orElse(ModelPrices.unknown());
    return CostCalculator.costUsd(prices, usage);
  }

  /** Returns the cost of the measured answer (see {@link #costOf}). */
  public Double cost() {
    return costOf(summary == null ? TokenUsage.unknown() : summary.usage());
  }

  /**
   * Marks the request as the gateway's own traffic (the judge's calls): its record is stored
   * {@code unclassified(reason)}, so category analyses leave it out, and it is never judged.
   */
  public void leaveUnclassified(String reason) {
    this.unclassifiedReason = reason;
  }

  /** Notes the ingress API the request came in on ({@code chat}, {@code messages}, ...). */
  public void api(String ingressApi) {
    this.api = ingressApi;
  }

  /** Notes the request's tags, comma-separated, or null when it carried none. */
  public void tags(String commaSeparated) {
    this.tags = commaSeparated;
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

  /** Notes the request's trace, ended when its record is built. */
  public void trace(RequestTrace requestTrace) {
    this.trace = requestTrace;
  }

  /** Returns the request's trace ({@link RequestTrace#NONE} when not traced). */
  public RequestTrace trace() {
    return trace;
  }

  /** Notes the route the request resolved to, and tells its trace. */
  public void route(String routeName) {
    this.route = routeName;
    if (request != null) {
      trace.request(request, routeName);
    }
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

package dev.switchboard.gateway.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.routing.ResolvedTarget;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.UsageRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Traces a sampled (or propagated) request with the SDK: the SERVER span lives from arrival until
 * the usage record is built, attributed by the GenAI conventions and Switchboard's own facts. Holds
 * no prompt or completion text.
 */
final class SpanRequestTrace implements RequestTrace {
  private final Tracer tracer;
  private final Span span;
  private final Context context;
  private final String operation;
  private final long startEpochNanos;
  // the provider of the latest attempt (the serving one once the request ends); written on the
  // event loop, read by finish() after the record's hand-off to the builder thread
  private volatile String providerName;

  SpanRequestTrace(Tracer tracer, Span span, String operation, long startEpochNanos) {
    this.tracer = tracer;
    this.span = span;
    this.context = Context.root().with(span);
    this.operation = operation;
    this.startEpochNanos = startEpochNanos;
  }

  @Override
  public void request(ChatRequest request, String route) {
    span.updateName(operation + " " + route);
    span.setAttribute(GenAi.REQUEST_MODEL, request.model());
    span.setAttribute("switchboard.route", route);
    span.setAttribute("switchboard.streamed", request.stream());
    ObjectNode body = request.body();
    number(body, "temperature", "gen_ai.request.temperature");
    number(body, "top_p", "gen_ai.request.top_p");
    number(body, "frequency_penalty", "gen_ai.request.frequency_penalty");
    number(body, "presence_penalty", "gen_ai.request.presence_penalty");
    number(body, "seed", "gen_ai.request.seed", true);
    for (String maxTokens : new String[] {"max_completion_tokens", "max_tokens", "max_output_tokens"}) {
      if (number(body, maxTokens, "gen_ai.request.max_tokens", true)) {
        break;
      }
    }
  }

  @Override
  public AttemptTrace attempt(ResolvedTarget target, int number) {
    String provider = GenAi.providerName(target.provider());
    providerName = provider;
    var builder =
        tracer
            .spanBuilder(operation + " " + target.upstreamModel())
            .setParent(context)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(GenAi.OPERATION_NAME, operation)
            .setAttribute(GenAi.PROVIDER_NAME, provider)
            .setAttribute(GenAi.REQUEST_MODEL, target.upstreamModel())
            .setAttribute("switchboard.provider", target.provider().id())
            .setAttribute("switchboard.attempt", number);
    URI base = target.provider().baseUrl();
    if (base != null && base.getHost() != null) {
      builder.setAttribute("server.address", base.getHost());
      if (base.getPort() > 0) {
        builder.setAttribute("server.port", base.getPort());
      }
    }
    return new SpanAttemptTrace(builder.startSpan());
  }

  @Override
  public void finish(UsageRecord record, long durationNanos) {
    if (providerName != null) {
      span.setAttribute(GenAi.PROVIDER_NAME, providerName);
    }
    span.setAttribute(GenAi.RESPONSE_ID, record.id());
    GenAi.answer(span, record.servedModel(), record.usage(), record.finishReason());
    span.setAttribute("http.response.status_code", record.httpStatus());
    span.setAttribute("switchboard.outcome", record.outcome().label());
    span.setAttribute("switchboard.attempts", record.attempts());
    span.setAttribute("switchboard.key_id", record.apiKeyId());
    if (record.costUsd() != null) {
      span.setAttribute("switchboard.cost_usd", record.costUsd());
    }
    if (record.ttftMs() != null) {
      span.setAttribute("switchboard.ttft_ms", record.ttftMs());
    }
    if (record.classification() != null && record.classification().category() != null) {
      span.setAttribute("switchboard.category", record.classification().category().label());
    }
    if (record.outcome() != Outcome.SUCCESS) {
      span.setAttribute(GenAi.ERROR_TYPE, record.errorType() == null ? record.outcome().label() : record.errorType());
      span.setStatus(StatusCode.ERROR);
    }
    span.end(startEpochNanos + durationNanos, TimeUnit.NANOSECONDS);
  }

  /** Copies a request parameter as a double, when sent. */
  private void number(ObjectNode body, String field, String attribute) {
    number(body, field, attribute, false);
  }

  /** Copies a numeric request parameter (a long when {@code integral}); returns whether it was sent. */
  private boolean number(ObjectNode body, String field, String attribute, boolean integral) {
    JsonNode value = body == null ? null : body.get(field);
    if (value == null || !value.isNumber() || (integral && !value.isIntegralNumber())) {
      return false;
    }
    if (integral) {
      span.setAttribute(attribute, value.longValue());
    } else {
      span.setAttribute(attribute, value.doubleValue());
    }
    return true;
  }
}

package dev.switchboard.gateway.observability;

import dev.switchboard.gateway.provider.ResponseSummary;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;

/** Traces one upstream attempt as a CLIENT span, a child of its request's SERVER span. */
final class SpanAttemptTrace implements AttemptTrace {
  private final Span span;

  SpanAttemptTrace(Span span) {
    this.span = span;
  }

  @Override
  public String traceparent() {
    SpanContext context = span.getSpanContext();
    return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
  }

  @Override
  public void end(Integer status, String errorType, String outcome, ResponseSummary summary) {
    if (status != null) {
      span.setAttribute("http.response.status_code", status.longValue());
    }
    span.setAttribute("switchboard.outcome", outcome);
    if (summary != null) {
      GenAi.answer(span, summary.servedModel(), summary.usage(), summary.finishReason());
    }
    if (!"success".equals(outcome)) {
      span.setAttribute(GenAi.ERROR_TYPE, errorType == null ? outcome : errorType);
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }
}

package dev.switchboard.gateway.observability;

import dev.switchboard.gateway.provider.ResponseSummary;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import java.util.List;

/** Traces one upstream attempt as a CLIENT span, a child of its request's SERVER span. */
final class SpanAttemptTrace implements AttemptTrace {
  private static final AttributeKey<List<String>> FINISH_REASONS =
      AttributeKey.stringArrayKey(GenAi.RESPONSE_FINISH_REASONS);

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
      if (summary.servedModel() != null) {
        span.setAttribute(GenAi.RESPONSE_MODEL, summary.servedModel());
      }
      if (summary.usage().promptTokens() != null) {
        span.setAttribute(GenAi.USAGE_INPUT_TOKENS, summary.usage().promptTokens());
      }
      if (summary.usage().completionTokens() != null) {
        span.setAttribute(GenAi.USAGE_OUTPUT_TOKENS, summary.usage().completionTokens());
      }
      if (summary.finishReason() != null) {
        span.setAttribute(FINISH_REASONS, List.of(summary.finishReason().wireName()));
      }
    }
    if (!"success".equals(outcome)) {
      span.setAttribute(GenAi.ERROR_TYPE, errorType == null ? outcome : errorType);
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }
}

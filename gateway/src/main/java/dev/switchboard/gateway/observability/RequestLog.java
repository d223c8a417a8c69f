package dev.switchboard.gateway.observability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.telemetry.UsageRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one JSON line per finished request to the {@code switchboard.requests} logger (stdout by
 * default) for log pipelines: who, what, where it went, how it ended, what it cost. Never a body,
 * a prompt or a secret. Runs off the event loop, where the usage record is built.
 */
public final class RequestLog {
  /** The logger the lines go to; its appender decides where (see logback.xml). */
  public static final String LOGGER = "switchboard.requests";

  private static final RequestLog OFF = new RequestLog(null);
  private final Logger log;

  private RequestLog(Logger log) {
    this.log = log;
  }

  /** Returns a log that writes nothing. */
  public static RequestLog off() {
    return OFF;
  }

  /** Returns a log writing to the {@value #LOGGER} logger. */
  public static RequestLog toLogger() {
    return new RequestLog(LoggerFactory.getLogger(LOGGER));
  }

  /** Writes {@code record}'s line; {@code route} is the route it resolved to (null when none). */
  public void write(UsageRecord record, String route) {
    if (log != null && log.isInfoEnabled()) {
      log.info(line(record, route).toString());
    }
  }

  /** Returns the line's fields; null values are left out. */
  public static ObjectNode line(UsageRecord record, String route) {
    ObjectNode line = JsonCodec.object();
    line.put("id", record.id());
    line.put("ts", record.timestamp().toString());
    line.put("api", record.api());
    putIfSet(line, "route", route);
    putIfSet(line, "model", record.requestedModel());
    putIfSet(line, "served_model", record.servedModel());
    putIfSet(line, "provider", record.provider());
    line.put("status", record.httpStatus());
    line.put("outcome", record.outcome().label());
    putIfSet(line, "error_type", record.errorType());
    line.put("attempts", record.attempts());
    line.put("streamed", record.streamed());
    if (record.usage().promptTokens() != null) {
      line.put("input_tokens", record.usage().promptTokens());
    }
    if (record.usage().completionTokens() != null) {
      line.put("output_tokens", record.usage().completionTokens());
    }
    if (record.finishReason() != null) {
      line.put("finish_reason", record.finishReason().wireName());
    }
    if (record.costUsd() != null) {
      line.put("cost_usd", record.costUsd());
    }
    line.put("latency_ms", record.latencyMs());
    if (record.ttftMs() != null) {
      line.put("ttft_ms", record.ttftMs());
    }
    putIfSet(line, "key_id", record.apiKeyId());
    if (record.classification() != null && record.classification().category() != null) {
      line.put("category", record.classification().category().label());
    }
    return line;
  }

  private static void putIfSet(ObjectNode line, String field, String value) {
    if (value != null) {
      line.put(field, value);
    }
  }
}

package dev.switchboard.gateway.hostile;

import io.vertx.core.http.HttpServerResponse;

/** Writes small valid answers in OpenAI or Anthropic shape, whole or streamed, usage as told. */
final class Answers {
  final boolean anthropic;
  final boolean stream;

  Answers(boolean anthropic, boolean stream) {
    this.anthropic = anthropic;
    this.stream = stream;
  }

  /** Returns a valid answer saying "Paris." with 12 input and 2 output tokens. */
  String valid() {
    return withUsageText("12", "2");
  }

  /** Returns a valid answer whose usage object appears twice: first, then second. */
  String withUsage(long firstIn, long firstOut, long secondIn, long secondOut) {
    String first = usage(String.valueOf(firstIn), String.valueOf(firstOut));
    String second = usage(String.valueOf(secondIn), String.valueOf(secondOut));
    return render(first + "," + second);
  }

  /** Returns a valid answer whose token counts are the given JSON numbers, verbatim. */
  String withUsageText(String in, String out) {
    return render(usage(in, out));
  }

  /** Returns the first data event of a stream (a text delta), terminated. */
  String firstEvent() {
    if (anthropic) {
      return "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
          + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-h\",\"content\":[],"
          + "\"stop_reason\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}\n\n"
          + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
          + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
          + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Paris.\"}}\n\n";
    }
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m-h\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Paris.\"},"
        + "\"finish_reason\":null}]}\n\n";
  }

  void send(HttpServerResponse response, String body) {
    response.putHeader("content-type", stream ? "text/event-stream" : "application/json").end(body);
  }

  private String usage(String in, String out) {
    return anthropic
        ? "\"usage\":{\"input_tokens\":" + in + ",\"output_tokens\":" + out + "}"
        : "\"usage\":{\"prompt_tokens\":" + in + ",\"completion_tokens\":" + out + "}";
  }

  private String render(String usage) {
    if (anthropic && stream) {
      return firstEvent()
          + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
          + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
          + "\"end_turn\",\"stop_sequence\":null}," + usage + "}\n\n"
          + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    }
    if (anthropic) {
      return "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-h\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"Paris.\"}],\"stop_reason\":\"end_turn\","
          + "\"stop_sequence\":null," + usage + "}";
    }
    if (stream) {
      return firstEvent()
          + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m-h\","
          + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]," + usage + "}\n\n"
          + "data: [DONE]\n\n";
    }
    return "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m-h\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Paris.\"},"
        + "\"finish_reason\":\"stop\"}]," + usage + "}";
  }
}

package dev.switchboard.gateway.routing;

import java.nio.charset.StandardCharsets;

/** Builds OpenAI-style SSE stream bodies for upstream stubs. */
final class SseBodies {

  private SseBodies() {}

  /**
   * Returns {@code n} content events of exactly equal byte length (then usage, no [DONE] unless
   * asked), so that WireMock's equal-size dribble chunks fall on event boundaries.
   */
  static String equalEvents(int n, boolean done) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < n; i++) {
      body.append(event(String.format("w%03d ", i), null));
    }
    if (done) {
      body.append("data: [DONE]\n\n");
    }
    return body.toString();
  }

  /** Returns one chunk event carrying {@code content}, with {@code finishReason} when not null. */
  static String event(String content, String finishReason) {
    String finish = finishReason == null ? "null" : "\"" + finishReason + "\"";
    return "data: {\"id\":\"up-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":"
        + finish + "}]}\n\n";
  }

  /** Returns an OpenRouter-style in-band error event (HTTP 200 stream, top-level error). */
  static String errorEvent(int code, String message) {
    return "data: {\"id\":\"up-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
        + "\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"},"
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}\n\n";
  }

  static int length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}

package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.Dialect;
import dev.switchboard.gateway.provider.UpstreamCall;
import java.net.URL;

/**
 * Decides when a request goes to OpenAI's own Responses API instead of chat completions: when the
 * client spoke Responses and the provider is OpenAI itself. Then the client's body goes upstream as
 * sent (hosted tools, encrypted reasoning, {@code include}, {@code text.verbosity}... all kept), with
 * only the model and {@code stream} set by the gateway.
 */
final class ResponsesUpstream {
  private static final String CHAT_PATH = "/chat/completions";

  private ResponsesUpstream() {}

  /** Returns whether {@code call} came in as Responses and {@code quirks} is OpenAI's. */
  static boolean applies(UpstreamCall call, OpenAiCompatQuirks quirks) {
    // Azure's Responses API lives under other paths and API versions: it is translated for now
    return call.request().origin().is(Dialect.RESPONSES) && quirks.flavor().equals("openai");
  }

  /** Returns the client's own body with the upstream model and {@code stream}. */
  static ObjectNode body(UpstreamCall call, boolean stream) {
    ObjectNode body = call.request().origin().body().deepCopy();
    body.put("model", call.target().upstreamModel());
    body.put("stream", stream);
    return body;
  }

  /** Returns the Responses URL beside a chat completions URL. */
  static String url(URL chatUrl) {
    String url = chatUrl.toString();
    int at = url.lastIndexOf(CHAT_PATH);
    return at < 0 ? url : url.substring(0, at) + "/responses" + url.substring(at + CHAT_PATH.length());
  }
}

package dev.switchboard.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds a validated OpenAI chat completion request: the fields the gateway decides on, plus the
 * client's whole body, passed through untouched to OpenAI-shaped upstreams.
 *
 * @param includeUsage whether the client asked for the usage chunk ({@code stream_options})
 * @param toolsOffered whether the request defines at least one tool
 * @param user the end-user id the client sent, if any
 * @param body the chat body (the client's, or decoded from its dialect); never mutated
 * @param origin the ingress dialect and the client's own body, for same-dialect upstreams
 */
public record ChatRequest(
    String model,
    boolean stream,
    boolean includeUsage,
    boolean toolsOffered,
    String user,
    ObjectNode body,
    IngressOrigin origin) {

  /** Returns a request that came in as a chat completion. */
  public ChatRequest(
      String model,
      boolean stream,
      boolean includeUsage,
      boolean toolsOffered,
      String user,
      ObjectNode body) {
    this(model, stream, includeUsage, toolsOffered, user, body, IngressOrigin.chat(body));
  }

  /** Returns this request addressed to {@code publicModel} (an alias resolved); the body stays. */
  public ChatRequest withModel(String publicModel) {
    return publicModel.equals(model)
        ? this
        : new ChatRequest(publicModel, stream, includeUsage, toolsOffered, user, body, origin);
  }

  /** Returns the ingress dialect. */
  public Dialect dialect() {
    return origin.dialect();
  }

  /**
   * Returns the texts the prompt carries (message contents, text parts, tool-call names and
   * arguments), in order and without empty ones, for tokenizer-normalized counting. Walks the
   * whole body: call it off the event loop.
   */
  public List<String> promptPieces() {
    List<String> pieces = new ArrayList<>();
    for (JsonNode message : body.path("messages")) {
      addContent(pieces, message.path("content"));
      for (JsonNode call : message.path("tool_calls")) {
        add(pieces, call.path("function").path("name").asText(""));
        add(pieces, call.path("function").path("arguments").asText(""));
      }
    }
    return pieces;
  }

  private static void addContent(List<String> pieces, JsonNode content) {
    if (content.isTextual()) {
      add(pieces, content.asText());
    } else if (content.isArray()) {
      for (JsonNode part : content) {
        if (part.path("text").isTextual()) {
          add(pieces, part.path("text").asText());
        }
      }
    }
  }

  private static void add(List<String> pieces, String value) {
    if (!value.isEmpty()) {
      pieces.add(value);
    }
  }
}

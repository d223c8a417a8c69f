package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.UpstreamCall;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.UpstreamFailure;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Builds the body sent upstream from the client's body, per the provider's quirks, without mutating
 * the client's tree: only the top level (and an assistant message that needs a change) is copied.
 */
final class UpstreamRequestBody {

  /**
   * OpenRouter's routing fields. The gateway routes on them itself (their names are the gateway's
   * models and providers, not the upstream's), so no upstream gets them, OpenRouter included.
   */
  private static final List<String> ROUTING_FIELDS =
      List.of("models", "provider", "route", "transforms", "usage");

  /** OpenAI reasoning models, which reject {@code max_tokens} with 400 unsupported_parameter. */
  private static final Pattern OPENAI_REASONING_MODEL = Pattern.compile("^(o[1-9]|gpt-5).*");

  private UpstreamRequestBody() {}

  /**
   * Returns the upstream body: the upstream model name; routing and reasoning fields translated or
   * removed; for streams, {@code stream_options.include_usage: true} where accepted, so usage is
   * metered even if the client did not ask.
   *
   * @throws UpstreamFailure of kind {@code REJECTED} (400 {@code unsupported_parameter}) when the
   *     request asks for something the provider cannot do
   */
  static ObjectNode of(UpstreamCall call, boolean stream, OpenAiCompatQuirks quirks) {
    ObjectNode client = call.request().body();
    String model = call.target().upstreamModel();
    checkResponseFormat(call, client, quirks);
    ObjectNode body = JsonCodec.object();
    body.setAll(client); // shallow: message trees are shared, never modified
    body.put("model", model);
    ROUTING_FIELDS.forEach(body::remove);
    if (quirks.understandsRouting()) {
      // OpenRouter reports usage.cost only when asked
      // (https://openrouter.ai/docs/use-cases/usage-accounting)
      body.putObject("usage").put("include", true);
    }
    ReasoningKnobs.apply(body, ReasoningRequest.of(client), quirks, model);
    streamOptions(body, client, stream, quirks);
    maxTokens(body, quirks, model);
    // reasoning_details (OpenRouter's field, which the Messages and Responses dialects fill with
    // what Anthropic and Gemini need back) means nothing to any other flavor
    List<String> echoed =
        quirks.dropsEchoedReasoning()
            ? List.of("reasoning", "reasoning_details")
            : quirks.understandsRouting() ? List.of() : List.of("reasoning_details");
    if (!echoed.isEmpty()) {
      dropEchoedReasoning(body, echoed);
    }
    return body;
  }

  private static void checkResponseFormat(
      UpstreamCall call, ObjectNode client, OpenAiCompatQuirks quirks) {
    String type = client.path("response_format").path("type").asText("");
    if (type.equals("json_schema") && !quirks.acceptsJsonSchema()) {
      throw new UpstreamFailure(
          UpstreamFailure.Kind.REJECTED,
          new UpstreamError(
              400,
              "invalid_request_error",
              "unsupported_parameter",
              "Unsupported parameter: 'response_format' of type 'json_schema' is not supported by"
                  + " provider '"
                  + call.target().provider().id()
                  + "' ("
                  + quirks.flavor()
                  + "). Use response_format {\"type\": \"json_object\"} and describe the schema in"
                  + " the prompt, or route to a provider with structured outputs.",
              null));
    }
  }

  private static void streamOptions(
      ObjectNode body, ObjectNode client, boolean stream, OpenAiCompatQuirks quirks) {
    if (!stream || !quirks.sendsStreamOptions()) {
      // OpenAI answers 400 to stream_options without stream; Mistral to stream_options at all
      body.remove("stream_options");
      return;
    }
    ObjectNode streamOptions = JsonCodec.object();
    JsonNode clientOptions = client.path("stream_options");
    if (clientOptions.isObject()) {
      streamOptions.setAll((ObjectNode) clientOptions);
    }
    streamOptions.put("include_usage", true);
    body.set("stream_options", streamOptions);
  }

  private static void maxTokens(ObjectNode body, OpenAiCompatQuirks quirks, String model) {
    switch (quirks.maxTokens()) {
      case AS_SENT -> {}
      case REASONING_MODELS -> {
        if (body.has("max_tokens")
            && !body.has("max_completion_tokens")
            && OPENAI_REASONING_MODEL.matcher(model.toLowerCase(Locale.ROOT)).matches()) {
          body.set("max_completion_tokens", body.remove("max_tokens"));
        }
      }
      case MAX_TOKENS -> {
        JsonNode completion = body.remove("max_completion_tokens");
        if (completion != null && !body.has("max_tokens")) {
          body.set("max_tokens", completion);
        }
      }
    }
  }

  /**
   * Removes reasoning {@code fields} the gateway put into answers from messages sent back; only the
   * array and the changed messages are copied.
   */
  private static void dropEchoedReasoning(ObjectNode body, List<String> fields) {
    JsonNode messages = body.path("messages");
    ArrayNode copy = null;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      if (message.isObject() && fields.stream().anyMatch(message::has)) {
        if (copy == null) {
          copy = JsonCodec.mapper().createArrayNode().addAll((ArrayNode) messages);
        }
        ObjectNode trimmed = JsonCodec.object().setAll((ObjectNode) message);
        trimmed.remove(fields);
        copy.set(i, trimmed);
      }
    }
    if (copy != null) {
      body.set("messages", copy);
    }
  }
}

package dev.switchboard.gateway.provider.openaicompat;

import static dev.switchboard.gateway.provider.openaicompat.WireJson.codePoints;
import static dev.switchboard.gateway.provider.openaicompat.WireJson.nonEmptyText;
import static dev.switchboard.gateway.provider.openaicompat.WireJson.object;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.TokenUsage;

/**
 * Measures an OpenAI-compatible answer from its {@code chat.completion.chunk} objects, observed in
 * order: usage and provider-reported cost (last reported wins, never summed), finish reason, tool
 * calls, answer and reasoning text, served model and in-stream errors (a top-level {@code error},
 * or MiniMax's {@code base_resp} with a non-zero status). A whole {@code chat.completion} body may be observed as
 * a single chunk: {@code message} is read where {@code delta} is absent.
 */
public final class ChatStreamAccumulator {

  /** The bound on {@link #completionText()}, in UTF-16 code units (1 MiB). */
  public static final int MAX_COMPLETION_TEXT_CHARS = 1 << 20;

  private final BoundedText completion = new BoundedText(MAX_COMPLETION_TEXT_CHARS);
  private final ToolCallTracker toolCalls = new ToolCallTracker(completion);
  private TokenUsage usage;
  private ProviderCost cost;
  private String nativeFinishReason;
  private String servedModel;
  private UpstreamError error;
  private long textChars;
  private long reasoningChars;

  /** Observes the next chunk; anything that is not a JSON object is ignored. */
  public void accept(JsonNode chunk) {
    if (chunk == null || !chunk.isObject()) {
      return;
    }
    String model = nonEmptyText(chunk, "model");
    if (model != null) {
      servedModel = model;
    }
    acceptUsage(OpenAiUsageParser.locate(chunk));
    JsonNode inBandError = chunk.get("error");
    UpstreamError baseResp = BaseRespError.in(chunk);
    if (inBandError != null && !inBandError.isNull()) {
      error = OpenAiErrorParser.inBand(chunk);
    } else if (baseResp != null) {
      error = baseResp;
    }
    JsonNode choices = chunk.get("choices");
    if (choices != null && choices.isArray()) {
      for (int position = 0; position < choices.size(); position++) {
        acceptChoice(position, choices.get(position));
      }
    }
  }

  /**
   * Observes the next chunk as a {@link ChatAnswerScanner} read it: the same facts {@link
   * #accept(JsonNode)} takes from its tree (the scanner declines every shape where they could
   * differ).
   */
  void accept(ScannedAnswer chunk) {
    if (chunk.model() != null && !chunk.model().isEmpty()) {
      servedModel = chunk.model();
    }
    acceptUsage(chunk.usage());
    for (ScannedAnswer.Choice choice : chunk.choices()) {
      textChars += codePoints(choice.answer());
      completion.append(choice.answer());
      if (choice.finishReason() != null && !choice.finishReason().isEmpty()) {
        nativeFinishReason = choice.finishReason();
      }
    }
  }

  private void acceptUsage(JsonNode reported) {
    if (reported != null) {
      // the same usage may repeat; a later "usage": null never erases it
      usage = OpenAiUsageParser.parse(reported);
      ProviderCost reportedCost = ProviderCost.in(reported);
      if (reportedCost != null) {
        cost = reportedCost;
      }
    }
  }

  /** Returns what was measured so far. */
  public ResponseSummary summary() {
    FinishReason finish =
        error != null ? FinishReason.ERROR : OpenAiFinishReason.normalize(nativeFinishReason);
    return new ResponseSummary(
        usage == null ? TokenUsage.unknown() : usage,
        finish,
        nativeFinishReason,
        toolCalls.count(),
        textChars,
        reasoningChars,
        servedModel,
        error,
        cost == null ? null : cost.usd(),
        cost != null && cost.byok());
  }

  /**
   * Returns the output seen so far (answer, reasoning, tool names and arguments), capped at {@link
   * #MAX_COMPLETION_TEXT_CHARS}, for counting normalized tokens.
   */
  public String completionText() {
    return completion.toString();
  }

  /** Returns whether {@link #completionText()} was cut at its bound. */
  public boolean completionTextTruncated() {
    return completion.truncated();
  }

  private void acceptChoice(int position, JsonNode choice) {
    if (choice == null || !choice.isObject()) {
      return;
    }
    JsonNode indexNode = choice.get("index");
    int index = indexNode != null && indexNode.canConvertToInt() ? indexNode.asInt() : position;
    JsonNode delta = object(choice, "delta");
    if (delta == null) {
      delta = object(choice, "message");
    }
    if (delta != null) {
      acceptDelta(index, delta);
    }
    String finish = nonEmptyText(choice, "finish_reason");
    if (finish != null) {
      nativeFinishReason = finish;
    }
  }

  private void acceptDelta(int index, JsonNode delta) {
    String reasoning = MessageText.reasoning(delta);
    reasoningChars += codePoints(reasoning);
    completion.append(reasoning);
    String answer = MessageText.answer(delta);
    textChars += codePoints(answer);
    completion.append(answer);
    JsonNode calls = delta.get("tool_calls");
    if (calls != null && calls.isArray()) {
      toolCalls.accept(index, calls);
    }
    JsonNode functionCall = object(delta, "function_call");
    if (functionCall != null) {
      toolCalls.acceptFunctionCall(index, functionCall);
    }
  }
}

package dev.switchboard.gateway.provider.gemini;

import static dev.switchboard.gateway.provider.gemini.GeminiJson.codePoints;

import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.gemini.GeminiContent.FunctionCall;
import dev.switchboard.gateway.provider.gemini.GeminiContent.Part;
import dev.switchboard.gateway.provider.gemini.GeminiResponse.Candidate;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Gemini responses, a whole answer or each stream event in order, into per-choice deltas,
 * and measures the answer on the way: usage (the last reported wins: Gemini's counts are
 * cumulative), finish reasons, function calls, answer and thought text, served model, errors.
 */
final class AnswerAccumulator {

  /** The bound on {@link #completionText()}, in UTF-16 code units (1 MiB). */
  static final int MAX_COMPLETION_TEXT_CHARS = 1 << 20;

  private final Map<Integer, ChoiceState> choices = new TreeMap<>();
  private final StringBuilder completion = new StringBuilder();
  private TokenUsage usage;
  private String servedModel;
  private String responseId;
  private UpstreamError error;
  private int toolCalls;
  private long textChars;
  private long reasoningChars;

  /** Observes the next response or event and returns what it added, one delta per candidate. */
  List<ChoiceDelta> accept(GeminiResponse response) {
    if (response.modelVersion() != null) {
      servedModel = response.modelVersion();
    }
    if (responseId == null) {
      responseId = response.responseId();
    }
    if (response.usageMetadata() != null) {
      usage = GeminiUsage.of(response.usageMetadata());
    }
    List<ChoiceDelta> deltas = new ArrayList<>();
    List<Candidate> candidates = response.candidates();
    if (candidates == null || candidates.isEmpty()) {
      GeminiResponse.PromptFeedback feedback = response.promptFeedback();
      String blocked = feedback == null ? null : feedback.blockReason();
      if (blocked != null) {
        // the prompt itself was refused: no candidate, only the reason
        ChoiceState state = state(0);
        state.finish(FinishReason.CONTENT_FILTER, blocked);
        deltas.add(new ChoiceDelta(0, state.start(), "", "", List.of(), FinishReason.CONTENT_FILTER,
            blocked, feedback.blockReasonMessage()));
      }
      return deltas;
    }
    for (int position = 0; position < candidates.size(); position++) {
      Candidate candidate = candidates.get(position);
      deltas.add(acceptCandidate(candidate.index() == null ? position : candidate.index(), candidate));
    }
    return deltas;
  }

  /** Notes an error event that ended the stream. */
  void fail(UpstreamError streamError) {
    error = streamError;
  }

  /** Returns what was measured so far; the lowest-numbered choice gives the finish reason. */
  ResponseSummary summary() {
    ChoiceState primary = choices.isEmpty() ? null : choices.values().iterator().next();
    FinishReason finish = primary == null ? null : primary.finish;
    if (error != null) {
      finish = FinishReason.ERROR;
    }
    return new ResponseSummary(
        usage == null ? TokenUsage.unknown() : usage,
        finish,
        primary == null ? null : primary.nativeFinish,
        toolCalls,
        textChars,
        reasoningChars,
        servedModel,
        error);
  }

  /** Returns the last usage reported, or null. */
  TokenUsage usage() {
    return usage;
  }

  /** Returns the model version Gemini reported, or null. */
  String servedModel() {
    return servedModel;
  }

  /** Returns reasoning, answer text, function names and arguments seen so far, capped at 1 MiB. */
  String completionText() {
    return completion.toString();
  }

  private ChoiceDelta acceptCandidate(int index, Candidate candidate) {
    ChoiceState state = state(index);
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    List<ChoiceDelta.ToolCall> calls = new ArrayList<>();
    List<Part> parts = candidate.content() == null ? null : candidate.content().parts();
    for (Part part : parts == null ? List.<Part>of() : parts) {
      if (part.functionCall() != null) {
        calls.add(toolCall(state, part));
      } else if (part.text() != null) {
        (part.isThought() ? reasoning : text).append(part.text());
      }
    }
    reasoningChars += codePoints(reasoning.toString());
    textChars += codePoints(text.toString());
    appendCompletion(reasoning.toString());
    appendCompletion(text.toString());
    FinishReason finish = null;
    String nativeFinish = candidate.finishReason();
    if (nativeFinish != null) {
      finish = GeminiFinishReason.normalize(nativeFinish, state.calledFunction);
      state.finish(finish, nativeFinish);
      if (finish == FinishReason.ERROR) {
        error = new UpstreamError(200, "upstream_error", nativeFinish, finishMessage(candidate), null);
      }
    }
    return new ChoiceDelta(index, state.start(), text.toString(), reasoning.toString(), calls,
        finish, nativeFinish, candidate.finishMessage());
  }

  private ChoiceDelta.ToolCall toolCall(ChoiceState state, Part part) {
    FunctionCall call = part.functionCall();
    String name = call.name() == null ? "" : call.name();
    String arguments = call.args() == null || call.args().isNull() ? "{}" : call.args().toString();
    // Gemini usually sends no id; derive one that is stable for this response and unique across
    // turns (clients key tool results and UI state by id)
    String id = call.id() != null && !call.id().isEmpty() ? call.id() : generatedId(toolCalls);
    toolCalls++;
    state.calledFunction = true;
    appendCompletion(name);
    appendCompletion(arguments);
    return new ChoiceDelta.ToolCall(state.nextToolIndex++, id, name, arguments, part.thoughtSignature());
  }

  private String generatedId(int ordinal) {
    return responseId == null ? "call_" + ordinal : "call_" + responseId + "_" + ordinal;
  }

  private static String finishMessage(Candidate candidate) {
    if (candidate.finishMessage() != null && !candidate.finishMessage().isBlank()) {
      return candidate.finishMessage();
    }
    return "Gemini stopped the answer with " + candidate.finishReason() + ".";
  }

  private ChoiceState state(int index) {
    return choices.computeIfAbsent(index, i -> new ChoiceState());
  }

  private void appendCompletion(String s) {
    int room = MAX_COMPLETION_TEXT_CHARS - completion.length();
    if (s.isEmpty() || room <= 0) {
      return;
    }
    int end = Math.min(s.length(), room);
    if (end < s.length() && end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--; // never split a surrogate pair
    }
    completion.append(s, 0, end);
  }

  /** Tracks one choice across events. */
  private static final class ChoiceState {
    boolean started;
    boolean calledFunction;
    int nextToolIndex;
    FinishReason finish;
    String nativeFinish;

    /** Returns true the first time it is called. */
    boolean start() {
      boolean first = !started;
      started = true;
      return first;
    }

    void finish(FinishReason normalized, String nativeValue) {
      finish = normalized;
      nativeFinish = nativeValue;
    }
  }
}

package dev.switchboard.gateway.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Where an upstream OpenAI-style answer object (a whole {@code chat.completion} or one chunk) keeps
 * the members the gateway rewrites for a client of the same dialect, found by one scan of its
 * bytes: the answer can then go out as those bytes with only these members changed. Offsets index
 * the {@link RawObject}'s bytes.
 *
 * @param start offset of the object's opening brace
 * @param close offset of its closing brace
 * @param id the value of {@code id}, or null when absent
 * @param object the value of {@code object}, or null when absent
 * @param hasCreated whether {@code created} is there (always a whole number then)
 * @param model the value of {@code model}, or null when absent
 * @param fingerprint the value of {@code system_fingerprint}, or null when absent
 * @param fingerprintIsText whether that value is a string (else it is null)
 * @param choicesEmpty whether {@code choices} (always an array) has no element
 * @param choiceGaps the choices that lack {@code logprobs} or {@code finish_reason}
 * @param usageMember the whole {@code usage} member with one adjacent comma, for removing it; null
 *     when absent
 * @param usageValue the value of {@code usage}, or null when absent
 * @param usage that value parsed when it is an object (it is small), else null
 */
public record RelayLayout(
    int start,
    int close,
    Span id,
    Span object,
    boolean hasCreated,
    Span model,
    Span fingerprint,
    boolean fingerprintIsText,
    boolean choicesEmpty,
    List<ChoiceGap> choiceGaps,
    Span usageMember,
    Span usageValue,
    ObjectNode usage) {

  /** The bytes from {@code start} (inclusive) to {@code end} (exclusive). */
  public record Span(int start, int end) {}

  /**
   * A choice lacking a member OpenAI SDKs read.
   *
   * @param close offset of the choice's closing brace
   * @param empty whether the choice has no member at all
   * @param lacksLogprobs whether {@code logprobs} is absent
   * @param lacksFinishReason whether {@code finish_reason} is absent
   */
  public record ChoiceGap(int close, boolean empty, boolean lacksLogprobs, boolean lacksFinishReason) {}
}

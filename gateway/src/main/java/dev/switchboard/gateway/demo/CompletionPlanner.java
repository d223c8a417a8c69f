package dev.switchboard.gateway.demo;

import dev.switchboard.gateway.demo.DemoRequest.Message;
import dev.switchboard.gateway.demo.DemoRequest.Tool;
import dev.switchboard.gateway.demo.DemoRequest.ToolChoice.Mode;
import dev.switchboard.gateway.demo.SimulatedCompletion.ToolCall;
import dev.switchboard.gateway.demo.SimulatedCompletion.Usage;
import dev.switchboard.telemetry.tokens.TokenCounter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * Decides what a simulated model answers: text or a tool call, how long, and the usage counted with
 * o200k. The same request always gets the same answer; counting is CPU work, so call this off the
 * event loop.
 */
final class CompletionPlanner {
  // OpenAI's documented chat overhead: ~3 tokens per message plus 3 to prime the reply
  private static final int TOKENS_PER_MESSAGE = 3;
  private static final int REPLY_PRIMING_TOKENS = 3;
  private static final int TOKENS_PER_NON_TEXT_PART = 85;
  private static final int MIN_TARGET_TOKENS = 8;

  private final TokenCounter counter;
  private final ToIntFunction<String> messageTokens;
  private final AnswerComposer answers;
  private final ToolCallComposer toolCalls = new ToolCallComposer();

  CompletionPlanner(TokenCounter counter) {
    this(counter, counter::count);
  }

  /** Creates a planner counting message text with {@code messageTokens} (e.g. a cache). */
  CompletionPlanner(TokenCounter counter, ToIntFunction<String> messageTokens) {
    this.counter = counter;
    this.messageTokens = messageTokens;
    this.answers = new AnswerComposer(counter);
  }

  /** Plans the answer of the model described by {@code profile} to {@code request}. */
  SimulatedCompletion plan(DemoRequest request, DemoModelProfile profile) {
    long seed = seed(request);
    SplittableRandom random = new SplittableRandom(seed);
    if (profile.answersToLimit() && request.maxTokens() != null) {
      return planToLimit(request, profile, random, seed);
    }
    // draw in a fixed order, independent of the cap, so a capped answer is a prefix of the full one
    int mean = profile.meanCompletionTokens();
    int target = Math.max(MIN_TARGET_TOKENS, (int) Math.round(mean * (0.5 + random.nextDouble())));
    int drawnReasoning = (int) Math.round(mean * (0.25 + random.nextDouble() / 2));
    double toolRoll = random.nextDouble();

    int budget = request.maxTokens() == null ? Integer.MAX_VALUE : request.maxTokens();
    int reasoning = profile.reasoning() ? Math.min(drawnReasoning, budget / 2) : 0;
    return answer(request, profile, random, seed, toolRoll, target, budget - reasoning, reasoning, false);
  }

  /** Plans an answer whose length, reasoning included, is the request's max tokens. */
  private SimulatedCompletion planToLimit(
      DemoRequest request, DemoModelProfile profile, SplittableRandom random, long seed) {
    int budget = Math.max(MIN_TARGET_TOKENS, request.maxTokens());
    double thinking = profile.reasoningShare() * (0.8 + 0.4 * random.nextDouble());
    int reasoning = profile.reasoning() ? (int) Math.round(budget * thinking) : 0;
    reasoning = Math.max(0, Math.min(reasoning, budget - MIN_TARGET_TOKENS));
    double toolRoll = random.nextDouble();
    int answerBudget = budget - reasoning;
    SimulatedCompletion planned =
        answer(request, profile, random, seed, toolRoll, answerBudget, answerBudget, reasoning, true);
    // the answer was sized to the limit: it ended on its own, not because it was cut
    return "length".equals(planned.finishReason())
        ? new SimulatedCompletion(planned.content(), planned.toolCalls(), "stop", planned.usage())
        : planned;
  }

  private SimulatedCompletion answer(
      DemoRequest request,
      DemoModelProfile profile,
      SplittableRandom random,
      long seed,
      double toolRoll,
      int target,
      int answerBudget,
      int reasoning,
      boolean fillBudget) {
    int prompt = promptTokens(request);
    String userText = request.lastUserText();
    List<String> topics = answers.topics(userText != null ? userText : request.lastText());

    Optional<Tool> tool = chooseTool(request, profile, toolRoll, random);
    if (tool.isPresent()) {
      ToolCall call = toolCalls.compose(tool.get(), topics, random, seed);
      int callTokens = counter.count(call.name()) + counter.count(call.arguments());
      if (callTokens <= answerBudget) {
        Usage usage = new Usage(prompt, callTokens + reasoning, reasoning);
        return new SimulatedCompletion(null, List.of(call), "tool_calls", usage);
      }
    }
    String text = fillBudget ? answers.composeWithin(topics, answerBudget, random) : answers.compose(topics, target, random);
    int textTokens = counter.count(text);
    String finish = "stop";
    if (textTokens > answerBudget) {
      text = truncate(text, answerBudget);
      textTokens = counter.count(text);
      finish = "length";
    }
    return new SimulatedCompletion(
        text, List.of(), finish, new Usage(prompt, textTokens + reasoning, reasoning));
  }

  /** Counts prompt tokens: message text plus per-message overhead plus tool definitions. */
  int promptTokens(DemoRequest request) {
    int tokens = REPLY_PRIMING_TOKENS;
    for (Message m : request.messages()) {
      tokens += TOKENS_PER_MESSAGE + messageTokens.applyAsInt(m.text());
      tokens += TOKENS_PER_NON_TEXT_PART * m.imageParts();
    }
    for (Tool t : request.tools()) {
      tokens += counter.count(t.definition());
    }
    return tokens;
  }

  private static Optional<Tool> chooseTool(
      DemoRequest request, DemoModelProfile profile, double roll, SplittableRandom random) {
    String userText = request.lastUserText();
    Mode mode = request.toolChoice().mode();
    if (request.tools().isEmpty() || userText == null || mode == Mode.NONE) {
      return Optional.empty();
    }
    if (mode == Mode.NAMED) {
      return request.tools().stream()
          .filter(t -> t.name().equals(request.toolChoice().name()))
          .findFirst();
    }
    Optional<Tool> named = request.tools().stream().filter(t -> mentions(userText, t)).findFirst();
    if (named.isPresent()) {
      return named;
    }
    if (mode == Mode.REQUIRED || roll < profile.toolCallProbability()) {
      return Optional.of(request.tools().get(random.nextInt(request.tools().size())));
    }
    return Optional.empty();
  }

  private static boolean mentions(String text, Tool tool) {
    String lower = text.toLowerCase(Locale.ROOT);
    String name = tool.name().toLowerCase(Locale.ROOT);
    return lower.contains(name) || lower.contains(name.replace('_', ' '));
  }

  /** Cuts {@code text} at the longest word boundary whose prefix fits in {@code budget} tokens. */
  private String truncate(String text, int budget) {
    List<Integer> ends = new ArrayList<>();
    for (int i = 1; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
        ends.add(i);
      }
    }
    ends.add(text.length());
    int low = -1; // index into ends of the longest prefix known to fit; -1 is the empty prefix
    int high = ends.size() - 1;
    while (low < high) {
      int mid = (low + high + 1) / 2;
      if (counter.count(text.substring(0, ends.get(mid))) <= budget) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low < 0 ? "" : text.substring(0, ends.get(low));
  }

  private static long seed(DemoRequest request) {
    // FNV-1a over the model, the messages and the tool names: stable across runs and JVMs
    long hash = 0xcbf29ce484222325L;
    StringBuilder key = new StringBuilder(request.model());
    for (Message m : request.messages()) {
      key.append('\u0000').append(m.role()).append(':').append(m.text());
    }
    request.tools().forEach(t -> key.append('\u0001').append(t.name()));
    for (byte b : key.toString().getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    return hash;
  }
}

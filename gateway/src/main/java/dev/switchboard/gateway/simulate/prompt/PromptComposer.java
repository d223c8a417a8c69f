package dev.switchboard.gateway.simulate.prompt;

import dev.switchboard.gateway.simulate.prompt.PromptBank.CategoryTexts;
import dev.switchboard.gateway.simulate.prompt.PromptBank.CodeTexts;
import dev.switchboard.gateway.simulate.prompt.PromptBank.Snippet;
import dev.switchboard.gateway.simulate.prompt.PromptBank.ToolText;
import dev.switchboard.gateway.simulate.traffic.PlannedRequest;
import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.tokens.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the conversation of a planned request from the prompt bank, in its language and shaped
 * by its category: a roleplay is a character card and earlier turns, a programming request pastes
 * code (or, with tools, is a coding agent's transcript of tool calls and results), a translation
 * carries the text to translate, other requests carry earlier turns of the same conversation. It
 * grows the conversation until it reaches the planned prompt length. Thread-safe.
 */
public final class PromptComposer {
  // OpenAI's documented chat overhead, as the simulated upstream counts it
  private static final int TOKENS_PER_MESSAGE = 3;
  private static final int REPLY_PRIMING_TOKENS = 3;
  private static final int MAX_TURNS = 400;
  private static final Pattern SLOT = Pattern.compile("(?<!\\{)\\{([a-z_]+)}(?!})");

  private final PromptBank bank;
  private final TokenCounter counter;
  private final Map<String, Integer> counted = new ConcurrentHashMap<>();
  private final int codingToolTokens;
  private final int generalToolTokens;

  public PromptComposer(PromptBank bank, TokenCounter counter) {
    this.bank = bank;
    this.counter = counter;
    this.codingToolTokens = toolTokens(bank.code().tools());
    this.generalToolTokens = toolTokens(bank.code().generalTools());
  }

  /** Writes the conversation of {@code request}; the same request always gets the same text. */
  public ComposedPrompt compose(PlannedRequest request) {
    SplittableRandom random = new SplittableRandom(request.seq() * 0x9E3779B97F4A7C15L + 17);
    String language = request.language();
    CategoryTexts texts = bank.texts(language, request.category())
        .orElseGet(() -> bank.texts("en", request.category()).orElseThrow());
    Writer w = new Writer(language, random, request.promptTokens());
    boolean coding = request.category() == Category.PROGRAMMING;
    List<ToolText> tools = !request.toolsOffered() ? List.of()
        : coding ? bank.code().tools() : bank.code().generalTools();
    w.used += tools.isEmpty() ? 0 : coding ? codingToolTokens : generalToolTokens;
    switch (request.category()) {
      case ROLEPLAY -> roleplay(w, texts);
      case PROGRAMMING -> {
        if (tools.isEmpty()) {
          pastedCode(w, texts);
        } else {
          agentTranscript(w, texts);
        }
      }
      case TRANSLATION -> document(w, texts);
      default -> conversation(w, texts);
    }
    return new ComposedPrompt(w.turns, tools, w.used);
  }

  private void roleplay(Writer w, CategoryTexts t) {
    if (!t.system().isEmpty()) {
      w.add(ChatTurn.of("system", w.fill(w.pick(t.system()))));
    }
    String last = w.fill(w.pick(t.asks()));
    w.reserve(last);
    while (w.room() > 0 && w.turns.size() < MAX_TURNS) {
      w.add(ChatTurn.of("user", w.fill(w.pick(t.asks()))));
      String reply = w.fill(w.pick(t.replies().isEmpty() ? t.context() : t.replies()));
      w.add(ChatTurn.of("assistant", reply));
    }
    w.release(last);
    w.add(ChatTurn.of("user", last));
  }

  private void pastedCode(Writer w, CategoryTexts t) {
    StringBuilder text = new StringBuilder(w.fill(w.pick(t.asks())));
    int tokens = TOKENS_PER_MESSAGE + count(text.toString());
    if (!t.context().isEmpty()) {
      String note = "\n\n" + w.pick(t.context());
      text.append(note);
      tokens += count(note);
    }
    List<Snippet> snippets = bank.code().snippets();
    for (int i = 0; w.used + tokens < w.target && i < MAX_TURNS; i++) {
      Snippet s = snippets.get(w.random.nextInt(snippets.size()));
      String block = "\n\n```" + s.lang() + "\n" + s.code() + "```";
      text.append(block);
      tokens += count(block);
    }
    w.turns.add(ChatTurn.of("user", text.toString()));
    w.used += tokens;
  }

  private void agentTranscript(Writer w, CategoryTexts t) {
    CodeTexts code = bank.code();
    w.add(ChatTurn.of("system", code.agentSystem()));
    w.add(ChatTurn.of("user", w.fill(w.pick(t.asks()))));
    String last = w.fill(w.pick(t.asks()));
    w.reserve(last);
    for (int call = 0; w.room() > 0 && w.turns.size() < MAX_TURNS; call++) {
      String id = "call_" + Long.toHexString(w.random.nextLong() & 0xffffffffffL);
      ChatTurn.ToolCall toolCall;
      String result;
      if (call % 3 == 2) {
        String command = code.commands().get(w.random.nextInt(code.commands().size()));
        toolCall = new ChatTurn.ToolCall(id, "run_command", "{\"command\":\"" + command + "\",\"timeout_seconds\":120}");
        result = snippetOf(code, "text", w.random);
      } else {
        String file = code.files().get(w.random.nextInt(code.files().size()));
        toolCall = new ChatTurn.ToolCall(id, "read_file", "{\"path\":\"" + file + "\"}");
        result = code.snippets().get(w.random.nextInt(code.snippets().size())).code();
      }
      w.add(new ChatTurn("assistant", null, List.of(toolCall), null), toolCall.name() + toolCall.arguments());
      w.add(new ChatTurn("tool", result, List.of(), id));
    }
    w.release(last);
    w.add(ChatTurn.of("user", last));
  }

  private void document(Writer w, CategoryTexts t) {
    StringBuilder text = new StringBuilder(w.fill(w.pick(t.asks())));
    int tokens = TOKENS_PER_MESSAGE + count(text.toString());
    for (int i = 0; w.used + tokens < w.target && i < MAX_TURNS * 4; i++) {
      // separators lead each sentence, as the tokenizer joins a space to the word after it
      String sentence = (i % 4 == 0 ? "\n\n" : " ") + w.pick(t.context());
      text.append(sentence);
      tokens += count(sentence);
    }
    w.turns.add(ChatTurn.of("user", text.toString()));
    w.used += tokens;
  }

  private void conversation(Writer w, CategoryTexts t) {
    String last = w.fill(w.pick(t.asks()));
    if (!t.context().isEmpty()) {
      last = last + " " + w.pick(t.context());
    }
    w.reserve(last);
    while (w.room() > 0 && w.turns.size() < MAX_TURNS) {
      w.add(ChatTurn.of("user", w.fill(w.pick(t.asks()))));
      StringBuilder answer = new StringBuilder();
      int sentences = 2 + w.random.nextInt(4);
      for (int i = 0; i < sentences && !t.context().isEmpty(); i++) {
        answer.append(i == 0 ? "" : " ").append(w.pick(t.context()));
      }
      w.add(ChatTurn.of("assistant", answer.length() == 0 ? w.fill(w.pick(t.asks())) : answer.toString()));
    }
    w.release(last);
    w.add(ChatTurn.of("user", last));
  }

  private static String snippetOf(CodeTexts code, String lang, SplittableRandom random) {
    List<Snippet> matching = code.snippets().stream().filter(s -> s.lang().equals(lang)).toList();
    List<Snippet> from = matching.isEmpty() ? code.snippets() : matching;
    return from.get(random.nextInt(from.size())).code();
  }

  private int toolTokens(List<ToolText> tools) {
    int tokens = 0;
    for (ToolText t : tools) {
      tokens += counter.count(t.name() + " " + t.description() + " " + t.parameters());
    }
    return tokens;
  }

  /** Counts {@code text}, remembering counts of bank texts that recur. */
  private int count(String text) {
    if (text.length() > 2_000) {
      return counter.count(text);
    }
    Integer known = counted.get(text);
    if (known != null) {
      return known;
    }
    int tokens = counter.count(text);
    if (counted.size() < 50_000) {
      counted.put(text, tokens);
    }
    return tokens;
  }

  /** Accumulates one conversation and the tokens it holds so far. */
  private final class Writer {
    final String language;
    final SplittableRandom random;
    final int target;
    final List<ChatTurn> turns = new ArrayList<>();
    int used = REPLY_PRIMING_TOKENS;

    Writer(String language, SplittableRandom random, int target) {
      this.language = language;
      this.random = random;
      this.target = target;
    }

    String pick(List<String> options) {
      return options.get(random.nextInt(options.size()));
    }

    String fill(String template) {
      Matcher m = SLOT.matcher(template);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        List<String> values = bank.slot(language, m.group(1));
        m.appendReplacement(out, Matcher.quoteReplacement(values.get(random.nextInt(values.size()))));
      }
      m.appendTail(out);
      return out.toString();
    }

    void add(ChatTurn turn) {
      add(turn, turn.content());
    }

    void add(ChatTurn turn, String countedText) {
      turns.add(turn);
      used += TOKENS_PER_MESSAGE + (countedText == null ? 0 : count(countedText));
    }

    /** Counts a turn that will be added last, so the turns before it leave room for it. */
    void reserve(String text) {
      used += TOKENS_PER_MESSAGE + count(text);
    }

    void release(String text) {
      used -= TOKENS_PER_MESSAGE + count(text);
    }

    int room() {
      return target - used;
    }
  }
}

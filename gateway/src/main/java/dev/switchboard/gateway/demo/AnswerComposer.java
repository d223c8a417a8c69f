package dev.switchboard.gateway.demo;

import dev.switchboard.telemetry.tokens.TokenCounter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/** Composes plausible English answer text about a prompt's topic words from a fixed vocabulary. */
final class AnswerComposer {
  private static final int MAX_TOPICS = 6;
  private static final List<String> FALLBACK_TOPICS = List.of("this question", "the request");
  private static final Set<String> STOPWORDS =
      Set.of(
          "about", "also", "could", "describe", "does", "explain", "from", "give", "have", "help",
          "into", "just", "know", "like", "list", "make", "more", "most", "need", "please", "show",
          "should", "some", "tell", "than", "that", "their", "them", "then", "there", "these",
          "they", "this", "those", "very", "want", "what", "when", "where", "which", "while",
          "will", "with", "would", "write", "your");
  private static final List<String> OPENERS =
      List.of(
          "Here is a short overview of %s.",
          "Good question about %s.",
          "Let's look at %s step by step.",
          "There are a few things worth knowing about %s.");
  private static final List<String> SENTENCES =
      List.of(
          "The key idea behind %s is that it connects closely to %s.",
          "In practice, %s matters most when %s is involved.",
          "A common mistake with %s is to ignore how it interacts with %s.",
          "One useful way to think about %s is as a trade-off between speed and clarity.",
          "Most practitioners start with %s and then refine the details.",
          "If you compare %s with %s, the differences become easier to see.",
          "It helps to test %s on a small example before scaling up.",
          "The simplest approach to %s is often the most reliable one.",
          "Keep in mind that %s can behave differently depending on the context.",
          "For %s, clear definitions and careful measurement go a long way.",
          "You can usually explain %s in terms of %s and a few basic rules.",
          "Documenting how %s was handled makes later changes to %s much safer.");
  private static final int SENTENCES_PER_PARAGRAPH = 4;

  private final TokenCounter counter;

  AnswerComposer(TokenCounter counter) {
    this.counter = counter;
  }

  /** Picks up to six distinct content words of {@code text}, in order of appearance. */
  List<String> topics(String text) {
    Set<String> topics = new LinkedHashSet<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_-]+")) {
      if (word.length() >= 4 && !STOPWORDS.contains(word) && topics.size() < MAX_TOPICS) {
        topics.add(word);
      }
    }
    return topics.isEmpty() ? FALLBACK_TOPICS : List.copyOf(topics);
  }

  /** Composes whole sentences until the text holds at least {@code targetTokens} tokens. */
  String compose(List<String> topics, int targetTokens, SplittableRandom random) {
    StringBuilder text = new StringBuilder();
    int tokens = 0;
    int sentences = 0;
    while (tokens < targetTokens) {
      List<String> templates = sentences == 0 ? OPENERS : SENTENCES;
      String sentence = fill(templates.get(random.nextInt(templates.size())), topics, random);
      String separator =
          sentences == 0 ? "" : sentences % SENTENCES_PER_PARAGRAPH == 0 ? "\n\n" : " ";
      text.append(separator).append(sentence);
      tokens += counter.count(separator + sentence);
      sentences++;
    }
    return text.toString();
  }

  private static String fill(String template, List<String> topics, SplittableRandom random) {
    int size = topics.size();
    int first = random.nextInt(size);
    // the second slot names a different topic whenever there is one
    int second = size == 1 ? first : (first + 1 + random.nextInt(size - 1)) % size;
    return String.format(Locale.ROOT, template, topics.get(first), topics.get(second));
  }
}

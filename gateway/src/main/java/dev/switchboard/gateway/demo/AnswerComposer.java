package dev.switchboard.gateway.demo;

import dev.switchboard.telemetry.tokens.TokenCounter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Composes plausible English answer text about a prompt's topic phrases from a fixed vocabulary.
 */
final class AnswerComposer {
  private static final int MAX_TOPICS = 6;
  private static final int MAX_PHRASE_WORDS = 3;
  private static final int SENTENCES_PER_PARAGRAPH = 4;
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_'-]*");
  private static final List<String> FALLBACK_TOPICS = List.of("this question", "the request");
  private static final Set<String> STOPWORDS =
      Set.of(
          "about",
          "also",
          "and",
          "any",
          "are",
          "been",
          "but",
          "call",
          "can",
          "could",
          "describe",
          "did",
          "does",
          "explain",
          "for",
          "from",
          "give",
          "has",
          "have",
          "help",
          "her",
          "his",
          "how",
          "into",
          "its",
          "just",
          "know",
          "let",
          "let's",
          "like",
          "list",
          "make",
          "may",
          "might",
          "more",
          "most",
          "must",
          "need",
          "not",
          "our",
          "please",
          "should",
          "show",
          "some",
          "tell",
          "than",
          "that",
          "the",
          "their",
          "them",
          "then",
          "there",
          "these",
          "they",
          "this",
          "those",
          "use",
          "using",
          "very",
          "want",
          "was",
          "were",
          "what",
          "what's",
          "when",
          "where",
          "which",
          "while",
          "who",
          "why",
          "will",
          "with",
          "would",
          "write",
          "yes",
          "you",
          "your");
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
          "Documenting how %s was handled makes later changes to %s much safer.",
          "A good first step is to write down what %s should achieve.",
          "Small, measurable changes to %s are easier to reason about than big rewrites.",
          "Many teams find that %s and %s are best handled together.",
          "The trade-offs around %s usually come down to cost, latency and reliability.",
          "When %s goes wrong, the cause is often a hidden assumption about %s.",
          "Reading a few concrete examples of %s is the fastest way to build intuition.",
          "There is rarely one right answer for %s, but some choices are clearly better.",
          "Monitoring %s over time shows whether an improvement really holds.");

  private final TokenCounter counter;

  AnswerComposer(TokenCounter counter) {
    this.counter = counter;
  }

  /**
   * Picks up to six distinct topic phrases of {@code text} (runs of up to three content words), in
   * order of appearance.
   */
  List<String> topics(String text) {
    Map<String, String> topics = new LinkedHashMap<>();
    List<String> phrase = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    int previousEnd = 0;
    while (m.find() && topics.size() < MAX_TOPICS) {
      String word = m.group();
      boolean adjacent = text.substring(previousEnd, m.start()).isBlank();
      if (!isContent(word) || !adjacent || phrase.size() == MAX_PHRASE_WORDS) {
        flush(phrase, topics);
      }
      if (isContent(word)) {
        phrase.add(sentenceStart(text, m.start()) ? decapitalize(word) : word);
      }
      previousEnd = m.end();
    }
    flush(phrase, topics);
    return topics.isEmpty() ? FALLBACK_TOPICS : List.copyOf(topics.values());
  }

  /** Composes whole sentences until the text holds at least {@code targetTokens} tokens. */
  String compose(List<String> topics, int targetTokens, SplittableRandom random) {
    StringBuilder text = new StringBuilder();
    Deque<String> deck = new ArrayDeque<>();
    int tokens = 0;
    int sentences = 0;
    while (tokens < targetTokens) {
      String template;
      if (sentences == 0) {
        template = OPENERS.get(random.nextInt(OPENERS.size()));
      } else {
        if (deck.isEmpty()) {
          deck.addAll(shuffled(SENTENCES, random));
        }
        template = deck.pop();
      }
      String sentence = fill(template, topics, random);
      String separator =
          sentences == 0 ? "" : sentences % SENTENCES_PER_PARAGRAPH == 0 ? "\n\n" : " ";
      text.append(separator).append(sentence);
      tokens += counter.count(separator + sentence);
      sentences++;
    }
    return text.toString();
  }

  /**
   * Composes whole sentences while they fit in {@code budget} tokens, then as many words of the
   * next one as fit: counting only the last sentence's prefixes keeps this cheap for long answers.
   * The pieces are counted apart; the caller counts the whole text once to be exact.
   */
  String composeWithin(List<String> topics, int budget, SplittableRandom random) {
    StringBuilder text = new StringBuilder();
    Deque<String> deck = new ArrayDeque<>();
    int tokens = 0;
    for (int sentences = 0; tokens < budget; sentences++) {
      String template;
      if (sentences == 0) {
        template = OPENERS.get(random.nextInt(OPENERS.size()));
      } else {
        if (deck.isEmpty()) {
          deck.addAll(shuffled(SENTENCES, random));
        }
        template = deck.pop();
      }
      String separator =
          sentences == 0 ? "" : sentences % SENTENCES_PER_PARAGRAPH == 0 ? "\n\n" : " ";
      String piece = separator + fill(template, topics, random);
      int pieceTokens = counter.count(piece);
      if (tokens + pieceTokens <= budget) {
        text.append(piece);
        tokens += pieceTokens;
        continue;
      }
      text.append(longestPrefix(piece, budget - tokens));
      break;
    }
    return text.toString();
  }

  /** Returns the longest prefix of {@code piece} ending at a word end with at most {@code budget} tokens. */
  private String longestPrefix(String piece, int budget) {
    List<Integer> ends = new ArrayList<>();
    for (int i = 1; i < piece.length(); i++) {
      if (Character.isWhitespace(piece.charAt(i)) && !Character.isWhitespace(piece.charAt(i - 1))) {
        ends.add(i);
      }
    }
    String best = "";
    int low = 0;
    int high = ends.size() - 1;
    while (low <= high) {
      int mid = (low + high) / 2;
      String prefix = piece.substring(0, ends.get(mid));
      if (counter.count(prefix) <= budget) {
        best = prefix;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return best;
  }

  private static boolean isContent(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    boolean acronym = word.length() >= 2 && word.equals(word.toUpperCase(Locale.ROOT));
    return !STOPWORDS.contains(lower) && (word.length() >= 3 || acronym);
  }

  private static void flush(List<String> phrase, Map<String, String> topics) {
    if (!phrase.isEmpty()) {
      String joined = String.join(" ", phrase);
      topics.putIfAbsent(joined.toLowerCase(Locale.ROOT), joined);
      phrase.clear();
    }
  }

  /** Tells whether the word at {@code index} opens a sentence, so its capital is not a name's. */
  private static boolean sentenceStart(String text, int index) {
    String before = text.substring(0, index).stripTrailing();
    return before.isEmpty() || ".!?\n".indexOf(before.charAt(before.length() - 1)) >= 0;
  }

  private static String decapitalize(String word) {
    boolean capitalized =
        Character.isUpperCase(word.charAt(0))
            && word.substring(1).equals(word.substring(1).toLowerCase(Locale.ROOT));
    return capitalized ? word.toLowerCase(Locale.ROOT) : word;
  }

  private static List<String> shuffled(List<String> items, SplittableRandom random) {
    List<String> copy = new ArrayList<>(items);
    for (int i = copy.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      copy.set(j, copy.set(i, copy.get(j)));
    }
    return copy;
  }

  private static String fill(String template, List<String> topics, SplittableRandom random) {
    int size = topics.size();
    int first = random.nextInt(size);
    // the second slot names a different topic whenever there is one
    int second = size == 1 ? first : (first + 1 + random.nextInt(size - 1)) % size;
    return String.format(Locale.ROOT, template, topics.get(first), topics.get(second));
  }
}

package dev.switchboard.telemetry.classify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Tells whether a request opens by asking for a piece of software by what it is ("write a browser
 * extension that ...", "implement a compute kernel for ...", "write the full code of a platformer").
 * A word scan over the opening's first words rather than a regular expression: a pattern with
 * these alternatives backtracked through every opening that starts with "write" (1.6 µs a request).
 */
final class SoftwareRequests {
  private static final int SPAN = 120;
  // at most this many words between the verb and the kind ("a simple REST", "the full working")
  private static final int MAX_WORDS_BEFORE_KIND = 6;
  // a lead ("i need you to"), the verb, "me", the words before the kind, the kind and "of conduct"
  private static final int MAX_WORDS = 4 + 2 + MAX_WORDS_BEFORE_KIND + 3;
  private static final String[][] LEADS = {
    {"please"}, {"can", "you"}, {"could", "you"}, {"now"}, {"i", "want", "you", "to"}, {"i", "need", "you", "to"},
    {"i", "need"}, {"i", "want"}, {"help", "me"}
  };
  private static final Set<String> VERBS = Set.of("write", "build", "create", "make", "implement", "code", "develop", "program");
  // nameable kinds of program; not "game" or a bare "script" (a party game, a video script)
  private static final Set<String> KINDS = Set.of(
      "program", "function", "app", "bot", "chatbot", "plugin", "plug-in", "add-on", "addon", "library", "cli", "api",
      "endpoint", "kernel", "shader", "macro", "algorithm", "compiler", "interpreter", "parser", "emulator", "scraper",
      "crawler", "regex", "microservice", "daemon", "userscript", "code");
  // kinds named by two words: the word before decides ("a browser extension", "a bash script")
  private static final Set<String> TWO_WORD_KINDS = Set.of(
      "browser extension", "chrome extension", "firefox extension", "vscode extension", "web app", "regular expression",
      "unit test", "smart contract", "rest api", "python script", "bash script", "shell script", "powershell script",
      "node script", "lua script", "perl script", "ruby script", "php script", "javascript script", "js script",
      "batch script", "autohotkey script", "applescript script", "apps script", "gdscript script");
  // a "program" of training or loyalty, a physicist's "partition function"
  private static final Set<String> NOT_SOFTWARE_AFTER = Set.of(
      "training", "workout", "exercise", "fitness", "loyalty", "study", "rehab", "diet", "meal", "tv", "radio", "reward",
      "referral", "affiliate", "wellness", "exchange", "volunteer", "degree", "marketing", "ambassador", "mentoring",
      "nutrition", "partition", "wave", "density", "transfer", "utility", "production", "demand", "supply", "cost",
      "objective", "generating", "probability", "quadratic", "linear", "exponential", "logarithmic", "trigonometric",
      "cubic", "rational", "piecewise");
  // a dress code, a promo code, a tax code
  private static final Set<String> NOT_CODE_AFTER = Set.of(
      "dress", "promo", "promotional", "discount", "coupon", "zip", "postal", "qr", "area", "country", "access", "bar",
      "morse", "secret", "tax", "penal", "civil", "building", "honor", "honour", "ethical", "moral", "color", "colour");
  private static final Set<String> NOT_CODE_OF = Set.of("conduct", "ethics", "practice", "honor", "honour");
  // the kind heads the object: "an ad for a fintech app" asks for an ad
  private static final Set<String> OBJECT_ENDS = Set.of(
      "for", "about", "of", "on", "to", "with", "into", "from", "in", "at", "by", "that", "which", "and", "or");

  private SoftwareRequests() {}

  /** Returns whether {@code opening} (a request's text without leading blanks) asks for a kind of software. */
  static boolean asksForSoftware(String opening) {
    if (opening.isEmpty() || "wbcmidpnhWBCMIDPNH".indexOf(opening.charAt(0)) < 0) {
      return false;
    }
    String[] words = clauseWords(opening.substring(0, Math.min(opening.length(), SPAN)));
    int i = afterLead(words);
    if (i >= words.length || !VERBS.contains(words[i])) {
      return false;
    }
    i++;
    if (i < words.length && (words[i].equals("me") || words[i].equals("us"))) {
      i++;
    }
    for (int k = i; k < words.length && k <= i + MAX_WORDS_BEFORE_KIND; k++) {
      String kind = singular(words[k]);
      String before = k > i ? words[k - 1] : "";
      if (KINDS.contains(kind) && !NOT_SOFTWARE_AFTER.contains(before) && !(kind.equals("code") && notSoftwareCode(words, k))) {
        return true;
      }
      if (k > i && TWO_WORD_KINDS.contains(before + " " + kind)) {
        return true;
      }
      if (OBJECT_ENDS.contains(words[k])) {
        return false;
      }
    }
    return false;
  }

  /** Whether the "code" at {@code k} is a dress code, a promo code or a code of conduct. */
  private static boolean notSoftwareCode(String[] words, int k) {
    return (k > 0 && NOT_CODE_AFTER.contains(words[k - 1]))
        || (k + 2 < words.length && words[k + 1].equals("of") && NOT_CODE_OF.contains(words[k + 2]));
  }

  /**
   * The opening's first words in lower case (as many as a lead, the verb, "me" and the object can
   * take), up to the first full stop, question or exclamation mark or line break; a dot inside a
   * word ("node.js") does not end it. A hand split: {@code String.split(" +")} compiles a pattern
   * on every call.
   */
  private static String[] clauseWords(String text) {
    String[] words = new String[MAX_WORDS];
    int count = 0;
    int length = text.length();
    int i = 0;
    while (count < MAX_WORDS) {
      while (i < length && text.charAt(i) == ' ') {
        i++;
      }
      int start = i;
      while (i < length && !endsClause(text, i) && text.charAt(i) != ' ') {
        i++;
      }
      if (i > start) {
        words[count++] = text.substring(start, i).toLowerCase(Locale.ROOT);
      }
      if (i >= length || text.charAt(i) != ' ') {
        break;
      }
    }
    return Arrays.copyOf(words, count);
  }

  private static boolean endsClause(String text, int i) {
    char c = text.charAt(i);
    if (c == '.') {
      return i + 1 >= text.length() || text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\n';
    }
    return c == '?' || c == '!' || c == '\n';
  }

  private static int afterLead(String[] words) {
    for (String[] lead : LEADS) {
      if (lead.length <= words.length) {
        boolean match = true;
        for (int j = 0; j < lead.length && match; j++) {
          match = words[j].equals(lead[j]);
        }
        if (match) {
          return lead.length;
        }
      }
    }
    return 0;
  }

  /** The word without trailing punctuation and a plural s ("apps," -> "app"). */
  private static String singular(String word) {
    int end = word.length();
    while (end > 0 && ",;:)\"'".indexOf(word.charAt(end - 1)) >= 0) {
      end--;
    }
    if (end > 3 && word.charAt(end - 1) == 's' && word.charAt(end - 2) != 's') {
      end--;
    }
    return word.substring(0, end);
  }
}

package dev.switchboard.telemetry.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds all occurrences of a fixed set of lowercase terms in one pass over a text (Aho–Corasick),
 * honouring word boundaries for alphabetic scripts and matching CJK terms anywhere.
 */
final class TermMatcher {

  /** Receives each accepted match: the term's index in the list given to {@link #build}. */
  @FunctionalInterface
  interface MatchSink {
    void match(int term);
  }

  /** Names one term: its text (lowercase) and whether it also matches longer words. */
  record Term(String text, boolean prefix) {}

  private static final int ROOT = 0;
  // lowercase letters and the space make up most text: their transitions are precomputed per node
  private static final int DENSE = 27;

  private final int[] rootNext = new int[Character.MAX_VALUE + 1];
  private final char[][] edgeChars;
  private final int[][] edgeTargets;
  private final int[] fail;
  private final int[][] outputs;
  private final Term[] terms;
  private final boolean[] checkLeft;
  private final boolean[] checkRight;
  private final int[] lengths;
  // node * DENSE + dense index -> next node, failure links already followed
  private final int[] denseNext;

  private TermMatcher(
      char[][] edgeChars, int[][] edgeTargets, int[] fail, int[][] outputs, Term[] terms) {
    this.edgeChars = edgeChars;
    this.edgeTargets = edgeTargets;
    this.fail = fail;
    this.outputs = outputs;
    this.terms = terms;
    this.checkLeft = new boolean[terms.length];
    this.checkRight = new boolean[terms.length];
    this.lengths = new int[terms.length];
    for (int i = 0; i < terms.length; i++) {
      String t = terms[i].text();
      lengths[i] = t.length();
      checkLeft[i] = isWordChar(t.charAt(0)) && !isUnspacedScript(t.charAt(0));
      char last = t.charAt(t.length() - 1);
      checkRight[i] = !terms[i].prefix() && isWordChar(last) && !isUnspacedScript(last);
    }
    Arrays.fill(rootNext, ROOT);
    char[] rootChars = edgeChars[ROOT];
    for (int i = 0; i < rootChars.length; i++) {
      rootNext[rootChars[i]] = edgeTargets[ROOT][i];
    }
    denseNext = denseTransitions(edgeChars, edgeTargets, fail);
  }

  /**
   * Turns the trie and its failure links into an automaton for the dense characters: one array read
   * per character instead of a search of each node's edges along the failure chain (the search
   * was a quarter of the classifier's time on long texts). About 1 MB for the bundled lexicon.
   */
  private static int[] denseTransitions(char[][] edgeChars, int[][] edgeTargets, int[] fail) {
    int[] next = new int[edgeChars.length * DENSE];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(ROOT);
    // breadth first: a node's failure target is shallower, so its row is already filled
    while (!queue.isEmpty()) {
      int node = queue.poll();
      for (int k = 0; k < DENSE; k++) {
        int target = step(edgeChars, edgeTargets, node, k == DENSE - 1 ? ' ' : (char) ('a' + k));
        next[node * DENSE + k] = target >= 0 ? target : node == ROOT ? ROOT : next[fail[node] * DENSE + k];
      }
      for (int child : edgeTargets[node]) {
        queue.add(child);
      }
    }
    return next;
  }

  private static int denseIndex(char c) {
    return c >= 'a' && c <= 'z' ? c - 'a' : c == ' ' ? DENSE - 1 : -1;
  }

  /** Builds a matcher for {@code terms}; each term must be non-empty and lowercase. */
  static TermMatcher build(List<Term> terms) {
    List<Map<Character, Integer>> children = new ArrayList<>();
    List<List<Integer>> ends = new ArrayList<>();
    children.add(new HashMap<>());
    ends.add(new ArrayList<>());
    for (int i = 0; i < terms.size(); i++) {
      String text = terms.get(i).text();
      int node = ROOT;
      for (int c = 0; c < text.length(); c++) {
        Integer next = children.get(node).get(text.charAt(c));
        if (next == null) {
          next = children.size();
          children.add(new HashMap<>());
          ends.add(new ArrayList<>());
          children.get(node).put(text.charAt(c), next);
        }
        node = next;
      }
      ends.get(node).add(i);
    }
    int n = children.size();
    char[][] edgeChars = new char[n][];
    int[][] edgeTargets = new int[n][];
    for (int node = 0; node < n; node++) {
      Character[] keys = children.get(node).keySet().toArray(new Character[0]);
      Arrays.sort(keys);
      edgeChars[node] = new char[keys.length];
      edgeTargets[node] = new int[keys.length];
      for (int k = 0; k < keys.length; k++) {
        edgeChars[node][k] = keys[k];
        edgeTargets[node][k] = children.get(node).get(keys[k]);
      }
    }
    int[] fail = new int[n];
    int[][] outputs = new int[n][];
    outputs[ROOT] = new int[0];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int child : edgeTargets[ROOT]) {
      fail[child] = ROOT;
      queue.add(child);
    }
    outputs[ROOT] = toArray(ends.get(ROOT));
    while (!queue.isEmpty()) {
      int node = queue.poll();
      List<Integer> out = new ArrayList<>(ends.get(node));
      for (int o : outputs[fail[node]]) {
        out.add(o);
      }
      outputs[node] = toArray(out);
      for (int k = 0; k < edgeChars[node].length; k++) {
        int child = edgeTargets[node][k];
        char c = edgeChars[node][k];
        int f = fail[node];
        while (f != ROOT && step(edgeChars, edgeTargets, f, c) < 0) {
          f = fail[f];
        }
        int target = step(edgeChars, edgeTargets, f, c);
        fail[child] = target >= 0 && target != child ? target : ROOT;
        queue.add(child);
      }
    }
    return new TermMatcher(edgeChars, edgeTargets, fail, outputs, terms.toArray(new Term[0]));
  }

  /** Returns the number of terms. */
  int size() {
    return terms.length;
  }

  /** Returns term {@code i}. */
  Term term(int i) {
    return terms[i];
  }

  /** Reports every term occurrence in {@code lower} (already lowercased) that sits on word boundaries. */
  void scan(String lower, MatchSink sink) {
    int node = ROOT;
    int length = lower.length();
    for (int i = 0; i < length; i++) {
      char c = lower.charAt(i);
      int dense = denseIndex(c);
      node = dense >= 0 ? denseNext[node * DENSE + dense] : follow(node, c);
      int[] out = outputs[node];
      for (int term : out) {
        int end = i + 1;
        int start = end - lengths[term];
        if (checkLeft[term] && start > 0 && joinsWord(lower.charAt(start - 1))) {
          continue;
        }
        if (checkRight[term] && end < length && joinsWord(lower.charAt(end))) {
          continue;
        }
        sink.match(term);
      }
    }
  }

  /** Takes the edge for {@code c}, following failure links until one has it (or the root). */
  private int follow(int node, char c) {
    int next;
    while (true) {
      next = node == ROOT ? rootNext[c] : step(edgeChars, edgeTargets, node, c);
      if (next >= 0 || node == ROOT) {
        break;
      }
      node = fail[node];
    }
    return Math.max(next, ROOT);
  }

  private static int step(char[][] edgeChars, int[][] edgeTargets, int node, char c) {
    int k = Arrays.binarySearch(edgeChars[node], c);
    return k >= 0 ? edgeTargets[node][k] : -1;
  }

  private static int[] toArray(List<Integer> values) {
    int[] array = new int[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }

  /** Returns whether {@code c} next to a match makes it part of a longer word (CJK never does). */
  static boolean joinsWord(char c) {
    if (c < 128) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    return isWordChar(c) && !isUnspacedScript(c);
  }

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || Character.getType(c) == Character.NON_SPACING_MARK;
  }

  /** Returns whether {@code c} belongs to a script written without spaces between words. */
  static boolean isUnspacedScript(char c) {
    Character.UnicodeScript script = Character.UnicodeScript.of(c);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL
        || script == Character.UnicodeScript.THAI;
  }
}

package dev.switchboard.telemetry.tokens;

import java.nio.charset.StandardCharsets;
import java.util.PriorityQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the tokens a byte-pair tokenizer (tiktoken's algorithm) gives a text, without building
 * the tokens: the text is split by the tokenizer's pattern, a piece that is a token counts one, any
 * other piece is merged pair by pair, lowest rank (then leftmost) first. Pieces up to {@link
 * #LINEAR_LIMIT} bytes use tiktoken's scan; longer ones a heap, so a hostile megabyte of letters
 * costs n log n, not n².
 */
final class BytePairCounter {
  static final int LINEAR_LIMIT = 128;
  private static final int NONE = Integer.MAX_VALUE;

  private final RankTable ranks;
  private final Pattern pattern;

  BytePairCounter(RankTable ranks, Pattern pattern) {
    this.ranks = ranks;
    this.pattern = pattern;
  }

  /** Returns the number of tokens of {@code text} (special tokens count as ordinary text). */
  int count(String text) {
    int tokens = 0;
    Matcher pieces = pattern.matcher(text);
    while (pieces.find()) {
      byte[] piece = text.substring(pieces.start(), pieces.end()).getBytes(StandardCharsets.UTF_8);
      tokens += countPiece(piece);
    }
    return tokens;
  }

  int countPiece(byte[] piece) {
    if (piece.length <= 1 || ranks.rank(piece, 0, piece.length) != RankTable.MISSING) {
      return piece.length == 0 ? 0 : 1;
    }
    return piece.length <= LINEAR_LIMIT ? linear(piece) : heap(piece);
  }

  /** tiktoken's merge: boundaries in an array, the lowest pair rank found by a scan. */
  private int linear(byte[] piece) {
    int n = piece.length;
    int[] starts = new int[n + 1];
    int[] pairRanks = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      starts[i] = i;
      pairRanks[i] = i + 2 <= n ? rankOrNone(piece, i, i + 2) : NONE;
    }
    int parts = n + 1;
    while (true) {
      int min = NONE;
      int at = -1;
      for (int i = 0; i < parts - 1; i++) {
        if (pairRanks[i] < min) {
          min = pairRanks[i];
          at = i;
        }
      }
      if (at < 0) {
        return parts - 1;
      }
      pairRanks[at] = at + 3 < parts ? rankOrNone(piece, starts[at], starts[at + 3]) : NONE;
      if (at > 0) {
        pairRanks[at - 1] = rankOrNone(piece, starts[at - 1], starts[at + 2]);
      }
      System.arraycopy(starts, at + 2, starts, at + 1, parts - at - 2);
      System.arraycopy(pairRanks, at + 2, pairRanks, at + 1, parts - at - 2);
      parts--;
    }
  }

  /** The same merges for long pieces: boundaries in a linked list, pair ranks in a heap. */
  private int heap(byte[] piece) {
    int n = piece.length;
    int[] next = new int[n + 1];
    int[] prev = new int[n + 1];
    int[] pairRanks = new int[n + 1];
    boolean[] gone = new boolean[n + 1];
    PriorityQueue<long[]> queue = new PriorityQueue<>(n, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    for (int i = 0; i <= n; i++) {
      next[i] = i + 1;
      prev[i] = i - 1;
      pairRanks[i] = i + 2 <= n ? rankOrNone(piece, i, i + 2) : NONE;
      if (pairRanks[i] != NONE) {
        queue.add(new long[] {pairRanks[i], i});
      }
    }
    int parts = n;
    while (!queue.isEmpty()) {
      long[] top = queue.poll();
      int at = (int) top[1];
      if (gone[at] || pairRanks[at] != top[0]) {
        continue; // a pair that merges since changed
      }
      int merged = next[at];
      gone[merged] = true;
      next[at] = next[merged];
      prev[next[merged]] = at;
      parts--;
      pairRanks[at] = next[at] < n ? rankOrNone(piece, at, next[next[at]]) : NONE;
      if (pairRanks[at] != NONE) {
        queue.add(new long[] {pairRanks[at], at});
      }
      int before = prev[at];
      if (before >= 0) {
        pairRanks[before] = rankOrNone(piece, before, next[at]);
        if (pairRanks[before] != NONE) {
          queue.add(new long[] {pairRanks[before], before});
        }
      }
    }
    return parts;
  }

  private int rankOrNone(byte[] piece, int from, int to) {
    int rank = ranks.rank(piece, from, to);
    return rank == RankTable.MISSING ? NONE : rank;
  }
}

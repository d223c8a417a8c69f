package dev.switchboard.telemetry.tokens;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Holds a byte-pair tokenizer's vocabulary (token bytes → rank) in a few flat arrays: all token
 * bytes end to end, their offsets and ranks, and an open-addressing table of token indexes. For
 * o200k_base that is about 5 MB of heap against 25 MB for maps of boxed keys and values, and it
 * loads in a fraction of the time (no object per token).
 */
final class RankTable {
  static final int MISSING = -1;

  private final byte[] bytes;
  private final int[] offsets;
  private final int[] ranks;
  private final int[] slots;
  private final int mask;

  private RankTable(byte[] bytes, int[] offsets, int[] ranks, int count) {
    this.bytes = bytes;
    this.offsets = offsets;
    this.ranks = ranks;
    int size = Integer.highestOneBit(Math.max(4, count * 2 - 1)) << 1; // load factor at most 1/2
    this.slots = new int[size];
    this.mask = size - 1;
    for (int token = 0; token < count; token++) {
      int at = hash(bytes, offsets[token], offsets[token + 1]) & mask;
      while (slots[at] != 0) {
        at = (at + 1) & mask;
      }
      slots[at] = token + 1;
    }
  }

  /** Reads a {@code .tiktoken} file: one "base64-token rank" line per token. */
  static RankTable read(InputStream in) {
    byte[] bytes = new byte[1 << 21];
    int[] offsets = new int[1 << 18];
    int[] ranks = new int[1 << 18];
    int count = 0;
    int length = 0;
    Base64.Decoder base64 = Base64.getDecoder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        int space = line.indexOf(' ');
        if (space <= 0) {
          continue;
        }
        byte[] token = base64.decode(line.substring(0, space));
        if (count + 2 > offsets.length) {
          offsets = Arrays.copyOf(offsets, offsets.length * 2);
          ranks = Arrays.copyOf(ranks, ranks.length * 2);
        }
        if (length + token.length > bytes.length) {
          bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + token.length));
        }
        System.arraycopy(token, 0, bytes, length, token.length);
        offsets[count] = length;
        ranks[count] = Integer.parseInt(line, space + 1, line.length(), 10);
        length += token.length;
        count++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    offsets[count] = length;
    return new RankTable(Arrays.copyOf(bytes, length), Arrays.copyOf(offsets, count + 1), Arrays.copyOf(ranks, count), count);
  }

  /** Returns the rank of the token {@code source[from, to)}, or {@link #MISSING}. */
  int rank(byte[] source, int from, int to) {
    int at = hash(source, from, to) & mask;
    for (int slot = slots[at]; slot != 0; slot = slots[at]) {
      int token = slot - 1;
      int start = offsets[token];
      if (offsets[token + 1] - start == to - from && Arrays.equals(bytes, start, start + to - from, source, from, to)) {
        return ranks[token];
      }
      at = (at + 1) & mask;
    }
    return MISSING;
  }

  private static int hash(byte[] source, int from, int to) {
    int h = 0x811c9dc5;
    for (int i = from; i < to; i++) {
      h = (h ^ source[i]) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }
}

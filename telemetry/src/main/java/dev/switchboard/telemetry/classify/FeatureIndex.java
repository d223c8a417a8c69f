package dev.switchboard.telemetry.classify;

/**
 * Maps the 32-bit keys of the features the examples hold to dense slots, exactly: a key no example
 * holds has no slot. An open-addressing table of ints, so a lookup is an array read or two and
 * allocates nothing. Built once while training, then only read: share it only through a final field.
 */
final class FeatureIndex {
  private static final int EMPTY = 0;
  private int[] keys;
  private int[] slots;
  private int mask;
  private int size;

  /** Creates an empty index; it grows as keys are added. */
  FeatureIndex() {
    allocate(1 << 12);
  }

  /** Returns the slot of {@code key}, adding it with the next free slot if it is new. */
  int add(int key) {
    int existing = slot(key);
    if (existing >= 0) {
      return existing;
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    put(nonEmpty(key), size);
    return size++;
  }

  /** Returns the slot of {@code key}, or -1 when no example holds it. */
  int slot(int key) {
    int k = nonEmpty(key);
    int i = spread(k) & mask;
    while (keys[i] != EMPTY) {
      if (keys[i] == k) {
        return slots[i];
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** Returns how many keys the index holds. */
  int size() {
    return size;
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldSlots = slots;
    allocate(oldKeys.length * 2);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldSlots[i]);
      }
    }
  }

  private void allocate(int capacity) {
    keys = new int[capacity];
    slots = new int[capacity];
    mask = capacity - 1;
  }

  private void put(int key, int slot) {
    int i = spread(key) & mask;
    while (keys[i] != EMPTY) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    slots[i] = slot;
  }

  // the one key that would read as empty shares a slot with its neighbour: one feature in four billion
  private static int nonEmpty(int key) {
    return key == EMPTY ? 1 : key;
  }

  // the keys are hashes already; the table's low bits come from their high ones too
  private static int spread(int key) {
    return key ^ (key >>> 16);
  }
}

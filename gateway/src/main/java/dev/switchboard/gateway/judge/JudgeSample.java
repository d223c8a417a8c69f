package dev.switchboard.gateway.judge;

/**
 * Decides which requests are judged from their id alone, so every gateway instance (and a replay)
 * agrees without coordination: a 64-bit FNV-1a hash of the id, mixed by MurmurHash3's finalizer,
 * read as a uniform number in [0, 1) and compared with the sample rate.
 */
final class JudgeSample {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private JudgeSample() {}

  /** Returns whether request {@code id} falls in a sample of {@code rate} (0..1). */
  static boolean picks(String id, double rate) {
    if (rate <= 0 || id == null) {
      return false;
    }
    return rate >= 1 || position(id) < rate;
  }

  /** Returns where {@code id} falls in [0, 1). */
  static double position(String id) {
    long h = FNV_OFFSET;
    for (int i = 0; i < id.length(); i++) {
      h ^= id.charAt(i);
      h *= FNV_PRIME;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (h >>> 11) * 0x1.0p-53;
  }
}

package dev.switchboard.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Configures the durable usage journal: the local append-only log every finished request's record
 * is written to before its answer ends, and that the store writer acknowledges.
 *
 * @param enabled whether records are journaled at all (off: a crash loses what is in memory)
 * @param dir the folder of the journal's segment files and acknowledgement
 * @param fsyncInterval how often written entries are forced to disk (a process crash loses
 *     nothing either way; an OS crash at most this much)
 * @param maxBytes disk the journal may take; beyond it entries are dropped and counted
 * @param segmentBytes size of one segment file
 */
public record JournalConfig(
    boolean enabled, Path dir, Duration fsyncInterval, long maxBytes, long segmentBytes) {

  /** The default bound on disk: 256 MiB, about 300,000 requests' records. */
  public static final long DEFAULT_MAX_BYTES = 256L << 20;

  /** The default segment size: 8 MiB. */
  public static final long DEFAULT_SEGMENT_BYTES = 8L << 20;

  public JournalConfig {
    if (enabled && (dir == null || segmentBytes < 4096 || maxBytes < 2 * segmentBytes)) {
      throw new IllegalArgumentException("journal needs a dir and max_bytes >= 2 segments of >= 4 KiB");
    }
  }

  /**
   * Returns the defaults for a store at {@code store}: a folder next to it named after it ({@code
   * data/switchboard.duckdb} journals into {@code data/switchboard.journal}), so two stores in one
   * folder never share a journal; fsync every second, 256 MiB. An in-memory store (null or {@code
   * :memory:}) gets no journal: its records die with the process anyway.
   */
  public static JournalConfig defaultsFor(Path store) {
    if (store == null || store.toString().equals(":memory:")) {
      return disabled();
    }
    String name = store.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    Path parent = store.toAbsolutePath().getParent();
    return new JournalConfig(
        true, parent.resolve(base + ".journal"), Duration.ofSeconds(1), DEFAULT_MAX_BYTES, DEFAULT_SEGMENT_BYTES);
  }

  /** Returns a configuration that journals nothing. */
  public static JournalConfig disabled() {
    return new JournalConfig(false, null, Duration.ofSeconds(1), DEFAULT_MAX_BYTES, DEFAULT_SEGMENT_BYTES);
  }
}

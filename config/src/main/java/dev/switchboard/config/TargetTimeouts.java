package dev.switchboard.config;

import java.time.Duration;

/**
 * Limits how long one upstream attempt may take, phase by phase; a null limit is inherited from
 * the defaults ({@code server} and {@code routing} sections).
 *
 * @param connect opening the connection
 * @param firstByte from sending the request to the first answer chunk (non-streaming: the answer)
 * @param idle longest gap between two stream chunks
 * @param total the whole attempt, first byte to last
 */
public record TargetTimeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {

  private static final TargetTimeouts INHERIT = new TargetTimeouts(null, null, null, null);

  /** Returns timeouts that inherit every limit. */
  public static TargetTimeouts inherit() {
    return INHERIT;
  }

  /** Returns these timeouts with every unset limit taken from {@code defaults}. */
  public TargetTimeouts orElse(TargetTimeouts defaults) {
    return new TargetTimeouts(
        connect != null ? connect : defaults.connect,
        firstByte != null ? firstByte : defaults.firstByte,
        idle != null ? idle : defaults.idle,
        total != null ? total : defaults.total);
  }
}

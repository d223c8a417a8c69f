package dev.switchboard.gateway.routing;

import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.UpstreamFailure;
import java.time.Duration;

/** Names the attempt phase whose time limit ran out; connect timeouts are the adapter's own. */
enum TimeoutKind {
  /** Nothing arrived: no stream chunk, or no whole answer. */
  FIRST_BYTE("timeout_first_byte", "The provider sent nothing within %d ms."),
  /** A stream stalled between two chunks. */
  IDLE("timeout_idle", "The provider's stream stalled for %d ms."),
  /** The attempt as a whole took too long. */
  TOTAL("timeout_total", "The provider did not finish within %d ms.");

  private final String label;
  private final String message;

  TimeoutKind(String label, String message) {
    this.label = label;
    this.message = message;
  }

  /** Returns the error type recorded for the attempt. */
  String label() {
    return label;
  }

  /** Returns the failure the client sees when this timeout ends the request (a 504). */
  UpstreamFailure failure(Duration limit) {
    return new UpstreamFailure(
        UpstreamFailure.Kind.TIMEOUT,
        new UpstreamError(
            504, "timeout", "upstream_timeout", String.format(message, limit.toMillis()), null));
  }
}

package dev.switchboard.gateway.state;

/**
 * Signals that a shared store cannot be reached (connection refused, lost or timed out), as opposed
 * to a request it refused: callers answer 503 and try again later.
 */
public final class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns whether {@code t}, or a cause of it, says a store was unreachable. */
  public static boolean isCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof StoreUnavailableException) {
        return true;
      }
    }
    return false;
  }
}

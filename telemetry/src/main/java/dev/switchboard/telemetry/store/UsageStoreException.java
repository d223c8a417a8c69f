package dev.switchboard.telemetry.store;

/** Signals that the usage store could not complete an operation; the cause says why. */
public final class UsageStoreException extends RuntimeException {
  public UsageStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

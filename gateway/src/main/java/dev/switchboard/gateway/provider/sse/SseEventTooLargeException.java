package dev.switchboard.gateway.provider.sse;

/** Signals that an upstream event grew past the decoder's size bound without completing. */
public final class SseEventTooLargeException extends RuntimeException {
  private final long maxEventBytes;

  SseEventTooLargeException(long maxEventBytes) {
    super("server-sent event exceeds " + maxEventBytes + " bytes without completing");
    this.maxEventBytes = maxEventBytes;
  }

  /** Returns the bound that was exceeded. */
  public long maxEventBytes() {
    return maxEventBytes;
  }
}

package dev.switchboard.gateway.provider;

/** Signals a streamed body that cannot be read; its message is safe to show the client. */
public final class MalformedStreamException extends RuntimeException {
  public MalformedStreamException(String message) {
    super(message, null, false, false); // thrown per bad stream, where a stack trace tells nothing
  }
}

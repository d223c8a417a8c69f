package dev.switchboard.gateway.usage;

/** Accepts opted-in request/response bodies without blocking the caller. */
public interface BodySink {

  /** Hands over one request's bodies; returns at once. */
  void accept(StoredBody body);

  /** Returns a sink that keeps nothing. */
  static BodySink noop() {
    return body -> {};
  }
}

package dev.switchboard.gateway.provider.gemini;

/**
 * Signals that an OpenAI request uses something Gemini cannot express (an unknown content part, a
 * tool result for an unknown call, arguments that are not JSON); the client gets a 400 naming the
 * parameter.
 */
final class UntranslatableRequestException extends RuntimeException {
  private final String param;

  UntranslatableRequestException(String param, String message) {
    super(message, null, false, false);
    this.param = param;
  }

  /** Returns the request path at fault, e.g. {@code messages[3].content[1]}. */
  String param() {
    return param;
  }
}

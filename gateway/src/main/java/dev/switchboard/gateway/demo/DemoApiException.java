package dev.switchboard.gateway.demo;

/** Signals a request the simulated provider refuses, carrying its OpenAI-shaped error fields. */
final class DemoApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String param;
  private final String code;

  DemoApiException(int status, String type, String param, String code, String message) {
    super(message);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
  }

  /** Creates a 400 {@code invalid_request_error}. */
  static DemoApiException invalid(String param, String code, String message) {
    return new DemoApiException(400, "invalid_request_error", param, code, message);
  }

  /** Creates the 404 OpenAI returns for a model it does not serve. */
  static DemoApiException modelNotFound(String model) {
    return new DemoApiException(
        404,
        "invalid_request_error",
        null,
        "model_not_found",
        "The model `" + model + "` does not exist or you do not have access to it.");
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  String param() {
    return param;
  }

  String code() {
    return code;
  }
}

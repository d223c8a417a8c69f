package dev.switchboard.gateway.api;

/** Carries an {@link ApiError} from where it is detected to the error responder. */
public final class ApiErrorException extends RuntimeException {
  private final ApiError error;

  public ApiErrorException(ApiError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public ApiError error() {
    return error;
  }
}

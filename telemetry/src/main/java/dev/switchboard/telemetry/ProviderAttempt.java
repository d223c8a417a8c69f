package dev.switchboard.telemetry;

/**
 * Records one upstream attempt made while serving a request, like OpenRouter's {@code
 * provider_responses} entries.
 *
 * @param provider the provider id from config
 * @param model the model name sent upstream
 * @param status the upstream's HTTP status, or null when none arrived (connect error, timeout)
 * @param errorType why the attempt failed ({@code timeout_first_byte}, {@code unreachable},
 *     {@code http_error}, ...), or null when it served the answer
 * @param latencyMs from sending the attempt to its end
 */
public record ProviderAttempt(
    String provider, String model, Integer status, String errorType, long latencyMs) {

  /** Returns whether this attempt served the answer. */
  public boolean served() {
    return errorType == null;
  }
}

package dev.switchboard.gateway.auth;

import dev.switchboard.gateway.api.ApiError;

/**
 * Builds the OpenAI-shaped errors for refused callers. Messages never repeat the presented secret
 * (OpenAI echoes a masked key; we echo nothing).
 */
public final class AccessErrors {
  private static final String INVALID_API_KEY = "invalid_api_key";

  private AccessErrors() {}

  /** Returns the 401 for a request without a key. */
  public static ApiError missingKey() {
    return unauthorized(
        "You didn't provide an API key. Send your gateway key in the Authorization header"
            + " (Authorization: Bearer sk-sb-...).");
  }

  /** Returns the 401 for a key that is not known. */
  public static ApiError incorrectKey() {
    return unauthorized("Incorrect API key provided.");
  }

  /** Returns the 401 for a known key that cannot be used ({@link ApiKey#unusableReason}). */
  public static ApiError unusableKey(String reason) {
    return unauthorized(reason);
  }

  /** Returns the 401 for the admin API called without the admin key. */
  public static ApiError adminKeyRequired(boolean adminConfigured) {
    return unauthorized(
        adminConfigured
            ? "The admin API requires the admin key (Authorization: Bearer <admin key>)."
            : "The admin API is disabled: no auth.admin_key is configured.");
  }

  /** Returns the 403 for a gateway key calling the admin API. */
  public static ApiError notAdmin() {
    return new ApiError(
        403, "permission_error", "admin_key_required", null,
        "The admin API requires the admin key, not a gateway key.");
  }

  /** Returns the 403 for the admin key used to call models. */
  public static ApiError adminCannotCallModels() {
    return new ApiError(
        403, "permission_error", "admin_key_not_allowed", null,
        "The admin key manages keys and reads stats; call models with a gateway key.");
  }

  /** Returns the 403 for a model the key may not call. */
  public static ApiError modelNotAllowed(String model) {
    return new ApiError(
        403, "permission_error", "model_not_allowed", "model",
        "This API key is not allowed to use the model `" + model + "`.");
  }

  /**
   * Returns the 503 for a key or admin request the key store could not serve because it is
   * unreachable: the caller should retry, the key is not refused.
   */
  public static ApiError keyStoreUnavailable(String what) {
    return new ApiError(
        503, "server_error", "key_store_unavailable", null,
        what + " is not possible right now: the key store cannot be reached. Try again shortly.");
  }

  private static ApiError unauthorized(String message) {
    return new ApiError(401, "invalid_request_error", INVALID_API_KEY, null, message);
  }
}

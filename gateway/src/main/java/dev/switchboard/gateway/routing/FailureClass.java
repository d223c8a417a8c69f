package dev.switchboard.gateway.routing;

import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.UpstreamFailure;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Decides what a failed attempt means for the request: retry, move on, or give up at once. */
enum FailureClass {
  /** Transient: fall back to the next target now, retry this one in a later round. */
  RETRY,
  /**
   * This target cannot serve at all (no API key, no adapter) or not this request (its context
   * window is too small after all): fall back, never retry it.
   */
  NEXT_TARGET,
  /** The request itself is refused (400, 401, 403, 404, 413, 422, ...): answer at once. */
  FATAL;

  /** HTTP statuses worth another try: timeouts, rate limits, server errors, Anthropic's 529. */
  private static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504, 529);
  private static final Set<String> UNUSABLE_CODES =
      Set.of("provider_not_configured", "provider_not_supported");
  /**
   * How providers say a prompt exceeds the window: OpenAI's code and message, Anthropic's "prompt
   * is too long", Gemini's "exceeds the maximum number of tokens".
   */
  private static final List<String> CONTEXT_OVERFLOW_TEXTS =
      List.of("maximum context length", "prompt is too long", "exceeds the maximum number of tokens",
          "context length exceeded", "context window");

  /** Classifies {@code failure}. */
  static FailureClass of(UpstreamFailure failure) {
    if (isUnusable(failure.error().code()) || isContextOverflow(failure)) {
      return NEXT_TARGET;
    }
    return switch (failure.kind()) {
      case TIMEOUT, UNREACHABLE, BAD_RESPONSE -> RETRY;
      // this provider cannot express the request; another target may
      case REJECTED -> NEXT_TARGET;
      // redirects are never followed (the key must not travel to another host): this target is
      // misconfigured or hostile, which says nothing about the request
      case HTTP_ERROR -> isRedirect(failure.error().httpStatus())
          ? NEXT_TARGET
          : RETRYABLE_STATUSES.contains(failure.error().httpStatus()) ? RETRY : FATAL;
    };
  }

  /** Returns the error type recorded for an attempt that failed with {@code failure}. */
  static String label(UpstreamFailure failure) {
    String code = failure.error().code();
    if ("connect_timeout".equals(code)) {
      return "timeout_connect";
    }
    if (isUnusable(code)) {
      return code;
    }
    return switch (failure.kind()) {
      case TIMEOUT -> "timeout";
      case UNREACHABLE -> "unreachable";
      case BAD_RESPONSE -> "bad_response";
      case HTTP_ERROR -> "http_error";
      case REJECTED -> "rejected";
    };
  }

  /** Tells whether an upstream refused the prompt as too long: one with a larger window may take it. */
  private static boolean isContextOverflow(UpstreamFailure failure) {
    UpstreamError error = failure.error();
    if (failure.kind() != UpstreamFailure.Kind.HTTP_ERROR || error.httpStatus() != 400) {
      return false;
    }
    if ("context_length_exceeded".equals(error.code())) {
      return true;
    }
    String message = error.message() == null ? "" : error.message().toLowerCase(Locale.ROOT);
    return CONTEXT_OVERFLOW_TEXTS.stream().anyMatch(message::contains);
  }

  private static boolean isRedirect(int status) {
    return status >= 300 && status < 400;
  }

  private static boolean isUnusable(String code) {
    return code != null && UNUSABLE_CODES.contains(code);
  }

  /** Returns {@code cause} as an upstream failure; anything unexpected is an internal error. */
  static UpstreamFailure asFailure(Throwable cause) {
    if (cause instanceof UpstreamFailure failure) {
      return failure;
    }
    return new UpstreamFailure(
        UpstreamFailure.Kind.BAD_RESPONSE,
        new UpstreamError(500, "server_error", "internal_error", "Internal gateway error.", null));
  }

  /** Returns the upstream HTTP status behind {@code failure}, or null when none arrived. */
  static Integer status(UpstreamFailure failure) {
    return failure.kind() == UpstreamFailure.Kind.HTTP_ERROR ? failure.error().httpStatus() : null;
  }
}

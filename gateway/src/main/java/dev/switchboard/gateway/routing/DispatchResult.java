package dev.switchboard.gateway.routing;

import dev.switchboard.gateway.provider.StreamEnd;
import dev.switchboard.gateway.provider.UpstreamFailure;
import dev.switchboard.telemetry.ProviderAttempt;
import java.util.List;

/**
 * Reports how a dispatched request ended.
 *
 * @param value the answer that reached the client ({@link Status#SERVED} only)
 * @param target the target that served, or the last one tried; null when none was
 * @param failure the failure to report to the client ({@link Status#FAILED})
 * @param rejection why no target may serve the request ({@link Status#REJECTED})
 * @param partial what a cancelled stream had measured, or null
 * @param attempts every upstream attempt, in order
 */
public record DispatchResult<T>(
    Status status,
    T value,
    ResolvedTarget target,
    UpstreamFailure failure,
    String rejection,
    StreamEnd partial,
    List<ProviderAttempt> attempts) {

  public DispatchResult {
    attempts = List.copyOf(attempts);
  }

  /** Names how a dispatch ended. */
  public enum Status {
    /** An answer reached the client (a stream may still have failed midway). */
    SERVED,
    /** Every usable target failed, or one failed in a way retrying cannot fix. */
    FAILED,
    /** The client's preferences leave no target. */
    REJECTED,
    /** The client went away. */
    CANCELLED
  }

  static <T> DispatchResult<T> served(T value, ResolvedTarget target, List<ProviderAttempt> attempts) {
    return new DispatchResult<>(Status.SERVED, value, target, null, null, null, attempts);
  }

  static <T> DispatchResult<T> failed(
      UpstreamFailure failure, ResolvedTarget target, List<ProviderAttempt> attempts) {
    return new DispatchResult<>(Status.FAILED, null, target, failure, null, null, attempts);
  }

  static <T> DispatchResult<T> rejected(String rejection) {
    return new DispatchResult<>(Status.REJECTED, null, null, null, rejection, null, List.of());
  }

  static <T> DispatchResult<T> cancelled(
      ResolvedTarget target, StreamEnd partial, List<ProviderAttempt> attempts) {
    return new DispatchResult<>(Status.CANCELLED, null, target, null, null, partial, attempts);
  }
}

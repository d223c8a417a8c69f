package dev.switchboard.gateway.provider;

/**
 * Reports how a stream ended: what was measured, and the failure that ended it early, if any.
 *
 * @param failure null when the upstream finished normally (an in-band error chunk is still a
 *     normal end; it shows in the summary's finish reason)
 */
public record StreamEnd(ResponseSummary summary, String completionText, UpstreamFailure failure) {}

package dev.switchboard.gateway.limits;

/**
 * Names the global bucket of one upstream target and its limits, shared by every caller whose
 * requests go there.
 *
 * @param bucket the limiter bucket, e.g. {@code upstream:openai/gpt-4o} or {@code upstream:openai/*}
 */
public record UpstreamLimit(String bucket, RateLimits limits) {}

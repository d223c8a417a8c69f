package dev.switchboard.gateway.limits;

import java.time.Duration;

/**
 * Reports one limit after a decision, as OpenAI's {@code x-ratelimit-*} headers do.
 *
 * @param remaining what may still be used now (never negative)
 * @param reset time until the limit is back to its full value
 */
public record LimitState(long limit, long remaining, Duration reset) {}

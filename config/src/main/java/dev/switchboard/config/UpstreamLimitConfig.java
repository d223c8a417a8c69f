package dev.switchboard.config;

/**
 * Declares a global rate limit on one upstream target ({@code auth.upstream_limits[]}), shared by
 * all callers: a provider, or one upstream model at a provider. Null limits are unlimited.
 *
 * @param model the upstream model name, or null for every model of the provider
 */
public record UpstreamLimitConfig(String provider, String model, Integer rpm, Long tpm) {}

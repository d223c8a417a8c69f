package dev.switchboard.config;

/**
 * Names one deployment of a model: which provider, and the model name that provider expects.
 *
 * @param catalogId catalog entry to take metadata and prices from; null means look it up by the
 *     route name, then by the upstream model name
 */
public record RouteTarget(String provider, String model, String catalogId) {}

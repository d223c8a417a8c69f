package dev.switchboard.telemetry.store;

/**
 * Holds what the stored records of one gateway key cost in a UTC month and in one day of it.
 *
 * @param apiKeyId the gateway key the records were made with
 * @param dayUsd the cost of the records of the day asked for
 * @param monthUsd the cost of the records of the whole month (the day included)
 */
public record KeyCost(String apiKeyId, double dayUsd, double monthUsd) {}

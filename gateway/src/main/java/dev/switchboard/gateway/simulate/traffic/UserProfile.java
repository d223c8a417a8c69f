package dev.switchboard.gateway.simulate.traffic;

/**
 * Describes one simulated end user, fixed for the whole year.
 *
 * @param id the {@code user} field sent with every request
 * @param language the language the user writes in (BCP-47-ish, as the detector reports it)
 * @param activity multiplier of the persona's request rate (heavy-tailed, mean 1)
 * @param joinWeek the first week the user sends requests
 */
public record UserProfile(
    int index, String id, String country, String persona, String app, String language, double activity, int joinWeek) {}

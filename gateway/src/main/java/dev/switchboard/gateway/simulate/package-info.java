/**
 * Simulates a year of study-shaped traffic through a gateway's HTTP API: drives planned requests
 * as the admin on behalf of per-country keys at simulated times, records the ground truth of what
 * was sent and answered, and runs the demo (gateway, simulated providers, background simulation).
 * Depends on the gateway's public types, config and telemetry; nothing in the gateway depends on
 * it except the composition root ({@code Main}) and the {@code simulate} command.
 */
package dev.switchboard.gateway.simulate;

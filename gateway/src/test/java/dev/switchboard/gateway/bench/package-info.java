/**
 * Runs the gateway's JMH hot-path benchmarks and reports them as ratios to a baseline measured in
 * the same run. Test scope only; nothing here runs in {@code mvn verify}.
 */
package dev.switchboard.gateway.bench;

/** OpenTelemetry traces of requests and upstream attempts, and the structured request log. */
package dev.switchboard.gateway.observability;

/** Owns the gateway's Micrometer meters; meters are bound to an injected registry, never the global one. */
package dev.switchboard.gateway.metrics;

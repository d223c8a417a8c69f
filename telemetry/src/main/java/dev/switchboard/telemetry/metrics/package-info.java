/**
 * Owns the Micrometer binders for telemetry internals. Binds to an injected registry, never the
 * global one; tags stay bounded (no user ids, no prompt-derived text).
 */
package dev.switchboard.telemetry.metrics;

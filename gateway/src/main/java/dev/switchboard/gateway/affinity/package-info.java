/**
 * Keeps agent sessions on the target that holds their prompt cache: derives a session key from
 * what clients send, and remembers each session's target per route in an {@link
 * dev.switchboard.gateway.affinity.AffinityStore} (in process, or shared through Redis). Knows
 * nothing of routing strategies or HTTP responses; routing asks it and tells it.
 */
package dev.switchboard.gateway.affinity;

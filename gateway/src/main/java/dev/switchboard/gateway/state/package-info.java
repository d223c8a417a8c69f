/**
 * Owns the connection to the state several gateways share (Redis today): reading {@code state.redis}
 * and creating the one kind of client every shared store uses. Knows no store's keys or scripts.
 */
package dev.switchboard.gateway.state;

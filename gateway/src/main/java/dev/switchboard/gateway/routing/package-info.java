/**
 * Decides which upstream deployment serves a request. Pure: no I/O, no Vert.x types. Retries,
 * fallbacks and breakers build on the ordered target list it returns.
 */
package dev.switchboard.gateway.routing;

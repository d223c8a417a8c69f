/**
 * Composes and runs the gateway: the command line, the composition root, and the server verticle
 * with its route table. Depends on telemetry and config; nothing depends on it.
 */
package dev.switchboard.gateway;

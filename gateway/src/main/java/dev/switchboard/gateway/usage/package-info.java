/**
 * Collects what happens to each request while it is served and turns it into one telemetry usage
 * record at the end, off the event loop. Never fails or delays a request.
 */
package dev.switchboard.gateway.usage;

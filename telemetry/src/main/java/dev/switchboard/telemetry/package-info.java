/**
 * Owns what Switchboard records about each request: the usage record, token counting, cost,
 * the embedded store and its asynchronous writer. Knows nothing of HTTP or Vert.x; depends only on
 * {@code config}.
 */
package dev.switchboard.telemetry;

/**
 * Serves the dashboard: static pages (HTML, CSS, ES modules) and the charting library from the
 * classpath. The pages read {@code /v1/stats}; this package has no stats logic of its own and
 * depends on nothing but Vert.x Web.
 */
package dev.switchboard.gateway.dashboard;

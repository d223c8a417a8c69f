/**
 * Owns Switchboard's typed configuration: the records, YAML loading with environment-variable
 * secrets, and validation that reports every problem with its path. Depends on nothing of the
 * gateway or telemetry (no Vert.x, no HTTP).
 */
package dev.switchboard.config;

/**
 * Owns the durable usage journal: an append-only log of memory-mapped segment files that every
 * finished request's record enters before its answer ends, acknowledged by the store writer once
 * stored and replayed on start when it was not. Knows records and files only: no store, no HTTP.
 */
package dev.switchboard.telemetry.journal;

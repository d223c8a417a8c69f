package dev.switchboard.telemetry.journal;

/**
 * Snapshots a journal's counters.
 *
 * @param appended entries written (drafts and complete records)
 * @param dropped entries refused because the journal was full (those records are not durable)
 * @param replayed records handed to the store again from the journal
 * @param torn entries found damaged at the end of a segment after a crash, and skipped
 * @param pendingRecords journaled records not yet stored
 * @param unstoredBytes journal bytes not yet acknowledged by the store
 * @param maxBytes the bound on the journal's files
 */
public record JournalStats(
    long appended,
    long dropped,
    long replayed,
    long torn,
    long pendingRecords,
    long unstoredBytes,
    long maxBytes) {}

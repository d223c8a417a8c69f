package dev.switchboard.telemetry.store;

/**
 * Snapshots an {@link AsyncUsageWriter}'s counters.
 *
 * @param accepted records taken into the queue
 * @param written records the store accepted
 * @param dropped records refused because the queue was full or the writer closed
 * @param failed records refused as invalid, or lost after a batch failed twice
 * @param queueDepth records waiting at the moment of the snapshot
 * @param queueCapacity the queue's bound
 */
public record UsageWriterStats(
    long accepted, long written, long dropped, long failed, int queueDepth, int queueCapacity) {}

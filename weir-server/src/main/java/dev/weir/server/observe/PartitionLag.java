package dev.weir.server.observe;

/** One partition of a consumer group: where it committed, where the log ends, and its status. */
public record PartitionLag(String topic, int partition, long committedOffset, long endOffset, long lag, LagStatus status) {
}

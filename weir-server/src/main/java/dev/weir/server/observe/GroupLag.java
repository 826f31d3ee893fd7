package dev.weir.server.observe;

import java.time.Instant;
import java.util.List;

/** A consumer group's lag: its worst partition's status, its total lag, and every partition. */
public record GroupLag(String group, LagStatus status, long totalLag, Instant evaluatedAt, List<PartitionLag> partitions) {

    public GroupLag {
        partitions = List.copyOf(partitions);
    }
}

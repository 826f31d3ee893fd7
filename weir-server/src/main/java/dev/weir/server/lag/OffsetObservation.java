package dev.weir.server.lag;

import java.time.Instant;
import java.util.Objects;

/**
 * One sighting of a consumer group's partition: the offset the group had committed, where the log
 * ended, and when it was seen. Stands for one commit in the sense of Burrow's window (see
 * {@link LagMonitor} for when a poll counts as a commit).
 *
 * @param committedOffset the group's committed offset (the next record it will read)
 * @param endOffset       the partition's end offset at the same moment (the last stable offset)
 * @param at              when the monitor saw it
 */
public record OffsetObservation(long committedOffset, long endOffset, Instant at) {

    public OffsetObservation {
        if (committedOffset < 0) {
            throw new IllegalArgumentException("committedOffset can't be negative, was " + committedOffset);
        }
        if (endOffset < 0) {
            throw new IllegalArgumentException("endOffset can't be negative, was " + endOffset);
        }
        Objects.requireNonNull(at, "at can't be null");
    }

    /** Records between the committed offset and the end of the log; never negative. */
    public long lag() {
        return lag(committedOffset, endOffset);
    }

    /**
     * The lag of a committed offset against an end offset. A commit ahead of the end we know of
     * (the end was read a moment earlier, or a read-uncommitted consumer passed the last stable
     * offset) counts as caught up, not as negative lag.
     */
    static long lag(long committedOffset, long endOffset) {
        return Math.max(0, endOffset - committedOffset);
    }
}

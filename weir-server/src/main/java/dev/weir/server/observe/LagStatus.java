package dev.weir.server.observe;

/**
 * How a consumer group's partition is doing, judged over a window of its offset commits as
 * LinkedIn's Burrow judges it. Ordered from best to worst: a group's status is its worst partition's.
 */
public enum LagStatus {
    /** Caught up at some point in the window, or lag not growing while commits move. */
    OK,
    /** Commits move but lag grew over the whole window. */
    WARN,
    /** The committed offset went back within the window (a reset or a replay). */
    REWIND,
    /** Committing the same offset again and again while lag exists. */
    STALL,
    /** No commits for longer than the window spans, while lag exists. */
    STOP;

    public LagStatus worst(LagStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}

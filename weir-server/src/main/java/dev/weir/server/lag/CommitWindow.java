package dev.weir.server.lag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sliding window of one partition's most recent observations, oldest first: what the lag
 * rules judge. Adding to a full window drops the oldest observation. Immutable.
 *
 * @param capacity     how many observations a full window holds (at least 2)
 * @param observations oldest first, at most {@code capacity}
 */
public record CommitWindow(int capacity, List<OffsetObservation> observations) {

    /** A window needs two observations to show any movement at all. */
    public static final int MIN_CAPACITY = 2;

    public CommitWindow {
        if (capacity < MIN_CAPACITY) {
            throw new IllegalArgumentException("a window holds at least " + MIN_CAPACITY + " observations, was " + capacity);
        }
        observations = List.copyOf(Objects.requireNonNull(observations, "observations can't be null"));
        if (observations.size() > capacity) {
            throw new IllegalArgumentException("a window of " + capacity + " can't hold " + observations.size() + " observations");
        }
    }

    public static CommitWindow empty(int capacity) {
        return new CommitWindow(capacity, List.of());
    }

    /** This window with {@code observation} appended, the oldest dropped if it was full. */
    public CommitWindow with(OffsetObservation observation) {
        Objects.requireNonNull(observation, "observation can't be null");
        List<OffsetObservation> next = new ArrayList<>(capacity);
        int from = observations.size() == capacity ? 1 : 0;
        next.addAll(observations.subList(from, observations.size()));
        next.add(observation);
        return new CommitWindow(capacity, next);
    }

    public boolean isEmpty() {
        return observations.isEmpty();
    }

    public boolean isFull() {
        return observations.size() == capacity;
    }

    public int size() {
        return observations.size();
    }

    /** The oldest observation; the window must not be empty. */
    public OffsetObservation first() {
        requireNotEmpty();
        return observations.get(0);
    }

    /** The newest observation; the window must not be empty. */
    public OffsetObservation last() {
        requireNotEmpty();
        return observations.get(observations.size() - 1);
    }

    /** Time from the oldest to the newest observation (zero for fewer than two). */
    public Duration span() {
        return isEmpty() ? Duration.ZERO : Duration.between(first().at(), last().at());
    }

    private void requireNotEmpty() {
        if (observations.isEmpty()) {
            throw new IllegalStateException("the window is empty");
        }
    }
}

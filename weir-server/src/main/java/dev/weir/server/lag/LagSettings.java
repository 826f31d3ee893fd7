package dev.weir.server.lag;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link LagMonitor} watches and how often: every consumer group of the cluster or a given
 * set (a Weir project's pipelines, whose consumer groups are their Kafka Streams application ids),
 * the poll interval (default 5 s) and the window of observations judged (default 10, so a
 * partition is judged over about 45 s). Immutable: {@code withX} returns a new object.
 */
public final class LagSettings {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_WINDOW = 10;

    private final Optional<Set<String>> groups;
    private final Duration interval;
    private final int window;

    private LagSettings(Optional<Set<String>> groups, Duration interval, int window) {
        this.groups = groups;
        this.interval = interval;
        this.window = window;
    }

    /** Every consumer group the cluster lists, including ones that only commit offsets (no members). */
    public static LagSettings allGroups() {
        return new LagSettings(Optional.empty(), DEFAULT_INTERVAL, DEFAULT_WINDOW);
    }

    /**
     * Only these consumer groups; each is reported even before it has committed anything. An
     * empty collection watches nothing.
     */
    public static LagSettings ofGroups(Collection<String> groups) {
        Objects.requireNonNull(groups, "groups can't be null");
        Set<String> copy = new TreeSet<>();
        for (String g : groups) {
            Objects.requireNonNull(g, "a group name can't be null");
            if (g.isBlank()) {
                throw new IllegalArgumentException("a group name can't be blank");
            }
            copy.add(g);
        }
        return new LagSettings(Optional.of(Set.copyOf(copy)), DEFAULT_INTERVAL, DEFAULT_WINDOW);
    }

    /** How often the cluster is asked for offsets; also the time between two observations. */
    public LagSettings withInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval can't be null");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        return new LagSettings(groups, interval, window);
    }

    /** How many observations a partition's window holds; at least 2. */
    public LagSettings withWindow(int window) {
        if (window < CommitWindow.MIN_CAPACITY) {
            throw new IllegalArgumentException("window must hold at least " + CommitWindow.MIN_CAPACITY
                    + " observations, was " + window);
        }
        return new LagSettings(groups, interval, window);
    }

    /** The groups watched, or empty for every group of the cluster. */
    public Optional<Set<String>> watchedGroups() {
        return groups;
    }

    public Duration interval() {
        return interval;
    }

    public int window() {
        return window;
    }

    @Override
    public String toString() {
        return "LagSettings[groups=" + groups.map(Object::toString).orElse("all") + ", interval=" + interval
                + ", window=" + window + "]";
    }
}

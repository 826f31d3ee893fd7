package dev.weir.engine.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts latencies into fixed buckets, as a Prometheus histogram does: a latency falls in the first
 * bucket whose upper bound it does not exceed, or in the last, unbounded one. Recording is made for
 * the hot path: a scan of a dozen or so bounds and two {@link LongAdder} increments, no allocation,
 * no lock. Reading ({@link #snapshot()}) adds the counters up.
 */
public final class LatencyHistogram {

    /** Time spent processing one record: tens of microseconds for a few record steps, more for state and I/O. */
    public static final List<Duration> PROCESSING_BUCKETS = List.of(
            micros(10), micros(25), micros(50), micros(100), micros(250), micros(500),
            millis(1), micros(2_500), millis(5), millis(10), millis(25), millis(50),
            millis(100), millis(250), millis(500), Duration.ofSeconds(1), millis(2_500));

    /**
     * Time from an event to its result on an output topic: milliseconds on a quiet pipeline,
     * seconds behind a window or a backlog, hours when old records are replayed.
     */
    public static final List<Duration> END_TO_END_BUCKETS = List.of(
            millis(1), micros(2_500), millis(5), millis(10), millis(25), millis(50), millis(100),
            millis(250), millis(500), Duration.ofSeconds(1), millis(2_500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1));

    private final List<Duration> upperBounds;
    private final long[] boundsNanos;
    private final LongAdder[] counts;
    private final LongAdder sumNanos = new LongAdder();

    /** A histogram with these bucket upper bounds (ascending, positive) and an unbounded bucket after them. */
    public LatencyHistogram(List<Duration> upperBounds) {
        if (upperBounds.isEmpty()) {
            throw new IllegalArgumentException("a latency histogram needs at least one bucket bound");
        }
        this.upperBounds = List.copyOf(upperBounds);
        this.boundsNanos = new long[upperBounds.size()];
        for (int i = 0; i < boundsNanos.length; i++) {
            boundsNanos[i] = upperBounds.get(i).toNanos();
            if (boundsNanos[i] <= 0 || (i > 0 && boundsNanos[i] <= boundsNanos[i - 1])) {
                throw new IllegalArgumentException("bucket bounds must be positive and ascending: " + upperBounds);
            }
        }
        this.counts = new LongAdder[boundsNanos.length + 1];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Counts one latency; a negative one (a clock that went back, an event from the future) counts as zero. */
    public void recordNanos(long nanos) {
        long n = Math.max(0, nanos);
        int i = 0;
        while (i < boundsNanos.length && n > boundsNanos[i]) {
            i++;
        }
        counts[i].increment();
        sumNanos.add(n);
    }

    /** The bucket upper bounds, without the unbounded last bucket. */
    public List<Duration> upperBounds() {
        return upperBounds;
    }

    /** The counts so far. Taken while records are counted, it may miss the odd one; it never goes back. */
    public LatencySnapshot snapshot() {
        long[] c = new long[counts.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts[i].sum();
        }
        return new LatencySnapshot(upperBounds, c, sumNanos.sum());
    }

    private static Duration micros(long n) {
        return Duration.ofNanos(n * 1_000);
    }

    private static Duration millis(long n) {
        return Duration.ofMillis(n);
    }
}

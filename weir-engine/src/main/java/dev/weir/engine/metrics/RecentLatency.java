package dev.weir.engine.metrics;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * A histogram's counts over about the last {@code span}: the histogram now minus a snapshot taken
 * at least {@code span} ago. Snapshots are taken when read, at most one per {@code span / 12}, so
 * recording stays untouched; a reader that polls every few seconds (a dashboard, a Prometheus
 * scrape) reads the last {@code span} to within a twelfth. Until the first snapshot is
 * {@code span} old, the counts are those since this was made.
 */
final class RecentLatency {

    private record Sample(long atNanos, LatencySnapshot snapshot) {
    }

    private final LatencyHistogram histogram;
    private final long spanNanos;
    private final long stepNanos;
    private final LongSupplier nanoClock;
    private final Deque<Sample> samples = new ArrayDeque<>();

    RecentLatency(LatencyHistogram histogram, Duration span, LongSupplier nanoClock) {
        this.histogram = histogram;
        this.spanNanos = span.toNanos();
        this.stepNanos = Math.max(1, spanNanos / 12);
        this.nanoClock = nanoClock;
        samples.add(new Sample(nanoClock.getAsLong(), LatencySnapshot.empty(histogram.upperBounds())));
    }

    synchronized LatencySnapshot current() {
        long now = nanoClock.getAsLong();
        LatencySnapshot latest = histogram.snapshot();
        // Keep the newest sample at least a span old as the baseline; older ones are no longer needed.
        while (samples.size() > 1 && now - second().atNanos() >= spanNanos) {
            samples.removeFirst();
        }
        LatencySnapshot baseline = samples.getFirst().snapshot();
        if (now - samples.getLast().atNanos() >= stepNanos) {
            samples.addLast(new Sample(now, latest));
        }
        return latest.minus(baseline);
    }

    private Sample second() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }
}

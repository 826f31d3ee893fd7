package dev.weir.engine.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The counts of a {@link LatencyHistogram} at one moment: per bucket (not cumulative; the last
 * bucket is the unbounded one) and the sum of all latencies counted.
 */
public final class LatencySnapshot {

    private final List<Duration> upperBounds;
    private final long[] counts;
    private final long sumNanos;

    LatencySnapshot(List<Duration> upperBounds, long[] counts, long sumNanos) {
        if (counts.length != upperBounds.size() + 1) {
            throw new IllegalArgumentException("expected " + (upperBounds.size() + 1) + " bucket counts, got " + counts.length);
        }
        this.upperBounds = upperBounds;
        this.counts = counts;
        this.sumNanos = sumNanos;
    }

    /** An empty snapshot of a histogram with these bounds. */
    static LatencySnapshot empty(List<Duration> upperBounds) {
        return new LatencySnapshot(upperBounds, new long[upperBounds.size() + 1], 0);
    }

    /** The bucket upper bounds, without the unbounded last bucket. */
    public List<Duration> upperBounds() {
        return upperBounds;
    }

    /** How many latencies fell in bucket {@code i}; {@code i == upperBounds().size()} is the unbounded bucket. */
    public long bucketCount(int i) {
        return counts[i];
    }

    /** How many latencies were counted. */
    public long count() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** The sum of the latencies counted. */
    public Duration sum() {
        return Duration.ofNanos(sumNanos);
    }

    /**
     * The latency below which a fraction {@code q} of those counted fall, estimated as Prometheus'
     * {@code histogram_quantile} does: linearly within the bucket it falls in, and the highest bound
     * if it falls in the unbounded bucket. Empty when nothing was counted.
     */
    public Optional<Duration> quantile(double q) {
        if (q < 0 || q > 1 || Double.isNaN(q)) {
            throw new IllegalArgumentException("a quantile lies between 0 and 1, got " + q);
        }
        long total = count();
        if (total == 0) {
            return Optional.empty();
        }
        double rank = q * total;
        long below = 0;
        for (int i = 0; i < upperBounds.size(); i++) {
            long inBucket = counts[i];
            if (inBucket > 0 && below + inBucket >= rank) {
                long lower = i == 0 ? 0 : upperBounds.get(i - 1).toNanos();
                long upper = upperBounds.get(i).toNanos();
                double within = (rank - below) / inBucket;
                return Optional.of(Duration.ofNanos(lower + Math.round((upper - lower) * within)));
            }
            below += inBucket;
        }
        return Optional.of(upperBounds.get(upperBounds.size() - 1));
    }

    /** What was counted after {@code earlier}, a snapshot of the same histogram. */
    public LatencySnapshot minus(LatencySnapshot earlier) {
        if (!earlier.upperBounds.equals(upperBounds)) {
            throw new IllegalArgumentException("snapshots of histograms with different buckets");
        }
        long[] c = new long[counts.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.max(0, counts[i] - earlier.counts[i]);
        }
        return new LatencySnapshot(upperBounds, c, Math.max(0, sumNanos - earlier.sumNanos));
    }

    @Override
    public String toString() {
        return "LatencySnapshot" + Arrays.toString(counts) + " sum=" + sum();
    }
}

package dev.weir.engine.metrics;

import java.time.Duration;
import java.util.Optional;

/**
 * The median and 99th percentile of latencies counted over a span of time, and how many were
 * counted; the percentiles are empty when none were.
 */
public record LatencyQuantiles(long count, Optional<Duration> p50, Optional<Duration> p99) {

    public static LatencyQuantiles of(LatencySnapshot snapshot) {
        return new LatencyQuantiles(snapshot.count(), snapshot.quantile(0.50), snapshot.quantile(0.99));
    }
}

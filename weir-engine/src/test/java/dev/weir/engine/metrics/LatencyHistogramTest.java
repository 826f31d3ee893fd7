package dev.weir.engine.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencyHistogramTest {

    private static final List<Duration> BOUNDS = List.of(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40));

    private static long ms(long n) {
        return Duration.ofMillis(n).toNanos();
    }

    @Test
    void aLatencyFallsInTheFirstBucketWhoseBoundItDoesNotExceed() {
        LatencyHistogram h = new LatencyHistogram(BOUNDS);
        h.recordNanos(ms(10));
        h.recordNanos(ms(10) + 1);
        h.recordNanos(ms(40));
        h.recordNanos(ms(41));
        h.recordNanos(-5);

        LatencySnapshot s = h.snapshot();
        assertThat(List.of(s.bucketCount(0), s.bucketCount(1), s.bucketCount(2), s.bucketCount(3)))
                .containsExactly(2L, 1L, 1L, 1L);
        assertThat(s.count()).isEqualTo(5);
        assertThat(s.sum()).as("a negative latency counts as zero").isEqualTo(Duration.ofNanos(ms(101) + 1));
    }

    @Test
    void quantilesInterpolateWithinTheirBucketAsPrometheusDoes() {
        LatencyHistogram h = new LatencyHistogram(BOUNDS);
        for (int i = 0; i < 50; i++) {
            h.recordNanos(ms(5));
        }
        for (int i = 0; i < 50; i++) {
            h.recordNanos(ms(15));
        }
        LatencySnapshot s = h.snapshot();

        assertThat(s.quantile(0.5)).contains(Duration.ofMillis(10));
        assertThat(s.quantile(0.75)).contains(Duration.ofMillis(15));
        assertThat(s.quantile(0.25)).contains(Duration.ofMillis(5));
    }

    @Test
    void aQuantileInTheUnboundedBucketIsTheHighestBound() {
        LatencyHistogram h = new LatencyHistogram(BOUNDS);
        h.recordNanos(ms(5));
        h.recordNanos(ms(500));

        assertThat(h.snapshot().quantile(0.99)).contains(Duration.ofMillis(40));
    }

    @Test
    void anEmptyHistogramHasNoQuantiles() {
        assertThat(new LatencyHistogram(BOUNDS).snapshot().quantile(0.5)).isEmpty();
    }

    @Test
    void aSnapshotMinusAnEarlierOneIsWhatWasCountedBetween() {
        LatencyHistogram h = new LatencyHistogram(BOUNDS);
        h.recordNanos(ms(5));
        LatencySnapshot earlier = h.snapshot();
        h.recordNanos(ms(30));
        h.recordNanos(ms(35));

        LatencySnapshot between = h.snapshot().minus(earlier);
        assertThat(between.count()).isEqualTo(2);
        assertThat(between.bucketCount(0)).isZero();
        assertThat(between.bucketCount(2)).isEqualTo(2);
        assertThat(between.sum()).isEqualTo(Duration.ofMillis(65));
    }

    @Test
    void boundsMustBePositiveAndAscending() {
        assertThatThrownBy(() -> new LatencyHistogram(List.of(Duration.ofMillis(2), Duration.ofMillis(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive and ascending");
        assertThatThrownBy(() -> new LatencyHistogram(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}

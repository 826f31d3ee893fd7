package dev.weir.engine.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RecentLatencyTest {

    private static final Duration SPAN = Duration.ofSeconds(60);

    private final AtomicLong now = new AtomicLong(1_000);
    private final LatencyHistogram histogram = new LatencyHistogram(List.of(Duration.ofMillis(10), Duration.ofMillis(100)));
    private final RecentLatency recent = new RecentLatency(histogram, SPAN, now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void countsEverythingUntilASpanHasPassed() {
        histogram.recordNanos(Duration.ofMillis(5).toNanos());
        advance(Duration.ofSeconds(30));
        histogram.recordNanos(Duration.ofMillis(50).toNanos());

        assertThat(recent.current().count()).isEqualTo(2);
    }

    @Test
    void forgetsWhatWasCountedMoreThanASpanAgoWhenReadRegularly() {
        histogram.recordNanos(Duration.ofMillis(5).toNanos());
        for (int i = 0; i < 13; i++) {
            advance(Duration.ofSeconds(5));
            recent.current();
        }
        histogram.recordNanos(Duration.ofMillis(50).toNanos());

        LatencySnapshot s = recent.current();
        assertThat(s.count()).isEqualTo(1);
        assertThat(s.quantile(0.5)).contains(Duration.ofMillis(55));
    }

    @Test
    void aReaderThatComesRarelyGetsWhatWasCountedSinceItsLastRead() {
        histogram.recordNanos(Duration.ofMillis(5).toNanos());
        advance(Duration.ofMinutes(10));
        recent.current();
        histogram.recordNanos(Duration.ofMillis(50).toNanos());
        advance(Duration.ofMinutes(10));

        assertThat(recent.current().count()).isEqualTo(1);
    }
}

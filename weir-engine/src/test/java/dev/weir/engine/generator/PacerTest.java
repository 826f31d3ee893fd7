package dev.weir.engine.generator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PacerTest {

    static final long MS = 1_000_000L;

    @Test
    void highRatesAreSpreadEvenly() {
        Pacer p = new Pacer(5000, 0);
        long total = p.take(0, Integer.MAX_VALUE);
        for (long t = 1; t <= 1000; t++) {
            int n = p.take(t * MS, Integer.MAX_VALUE);
            assertThat(n).isBetween(4, 6);
            total += n;
        }
        assertThat(total).isBetween(5000L, 5001L);
    }

    @Test
    void lowRatesWaitBetweenRecords() {
        Pacer p = new Pacer(0.5, 0);
        assertThat(p.take(0, 10)).isEqualTo(1);
        assertThat(p.take(MS, 10)).isZero();
        assertThat((double) p.nanosUntilNext(MS)).isCloseTo(2000.0 * MS - MS, within(10.0));
        assertThat(p.take(1999 * MS, 10)).isZero();
        assertThat(p.take(2000 * MS, 10)).isEqualTo(1);
    }

    @Test
    void aStallIsMadeUpByASmallBurstOnly() {
        Pacer p = new Pacer(1000, 0);
        p.take(0, Integer.MAX_VALUE);
        assertThat(p.take(5000 * MS, Integer.MAX_VALUE)).isEqualTo(100);
        assertThat(p.take(5000 * MS, Integer.MAX_VALUE)).isZero();
    }

    @Test
    void takesNoMoreThanAsked() {
        Pacer p = new Pacer(1000, 0);
        assertThat(p.take(50 * MS, 7)).isEqualTo(7);
        assertThat(p.take(50 * MS, 100)).isEqualTo(44);
    }
}

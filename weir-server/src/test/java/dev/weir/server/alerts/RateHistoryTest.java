package dev.weir.server.alerts;

import dev.weir.engine.health.PipelineHealth;
import dev.weir.server.alerts.RateHistory.Sample;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Rates from counters sampled over time: the last minute, the hour before it, time since the last output. */
class RateHistoryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final RateHistory history = new RateHistory();

    private void sample(Duration after, long in, long out, long dead, long filtered) {
        history.add(new Sample(T0.plus(after), in, out, dead, filtered));
    }

    private PipelineHealth health() {
        return history.health(12, "WARN", "RUNNING");
    }

    @Test
    void ratesAreOverTheLastMinute() {
        sample(Duration.ZERO, 0, 0, 0, 0);
        sample(Duration.ofSeconds(30), 1_000, 900, 10, 90);
        sample(Duration.ofSeconds(60), 3_000, 2_700, 30, 270);
        sample(Duration.ofSeconds(90), 6_000, 5_400, 30, 540);

        PipelineHealth h = health();
        // from the sample 60s before (at 30s) to now (at 90s)
        assertThat(h.recordsInPerSecond()).isCloseTo(5_000 / 60.0, within(1e-9));
        assertThat(h.recordsOutPerSecond()).isCloseTo(4_500 / 60.0, within(1e-9));
        assertThat(h.deadLettersPerMinute()).isCloseTo(20.0, within(1e-9));
        assertThat(h.filteredPerSecond()).isCloseTo(450 / 60.0, within(1e-9));
        assertThat(h.lag()).isEqualTo(12);
        assertThat(h.lagStatus()).isEqualTo("WARN");
        assertThat(h.state()).isEqualTo("RUNNING");
    }

    @Test
    void beforeAMinuteHasPassedRatesAreOverWhatThereIs() {
        sample(Duration.ZERO, 0, 0, 0, 0);
        assertThat(health().recordsInPerSecond()).as("one sample is no rate").isZero();
        sample(Duration.ofSeconds(10), 100, 100, 5, 0);
        assertThat(health().recordsInPerSecond()).isCloseTo(10.0, within(1e-9));
        assertThat(health().deadLettersPerMinute()).isCloseTo(30.0, within(1e-9));
        assertThat(health().baselineOutPerSecond()).as("no history before the last minute yet").isZero();
    }

    @Test
    void baselineIsTheOutputRateOverTheHourBeforeTheLastMinute() {
        sample(Duration.ZERO, 0, 0, 0, 0);
        for (int minute = 1; minute <= 70; minute++) {
            // 10 records a second for the first 69 minutes, then nothing
            long out = Math.min(minute, 69) * 600L;
            sample(Duration.ofMinutes(minute), out, out, 0, 0);
        }
        PipelineHealth h = health();
        assertThat(h.recordsOutPerSecond()).isZero();
        assertThat(h.baselineOutPerSecond()).isCloseTo(10.0, within(1e-9));
        assertThat(h.secondsSinceLastOutput()).isEqualTo(60.0);
        assertThat(history.size()).as("samples older than an hour and a minute are forgotten").isLessThanOrEqualTo(63);
    }

    @Test
    void secondsSinceLastOutputCountFromTheFirstSampleWhenNothingCameOut() {
        sample(Duration.ZERO, 5, 0, 0, 0);
        sample(Duration.ofMinutes(11), 50, 0, 0, 0);
        assertThat(health().secondsSinceLastOutput()).isEqualTo(660.0);
    }

    @Test
    void countersThatGoDownStartTheHistoryOver() {
        sample(Duration.ZERO, 0, 0, 0, 0);
        sample(Duration.ofSeconds(30), 1_000, 1_000, 100, 0);
        sample(Duration.ofSeconds(40), 10, 10, 0, 0);
        assertThat(history.size()).isEqualTo(1);
        assertThat(health().deadLettersPerMinute()).isZero();
    }
}

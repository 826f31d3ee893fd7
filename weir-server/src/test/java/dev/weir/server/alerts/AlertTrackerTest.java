package dev.weir.server.alerts;

import dev.weir.server.alerts.AlertTracker.Change;
import dev.weir.server.observe.AlertState.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The life of one alert: OK, PENDING while its condition holds for less than its for, FIRING, OK again. */
class AlertTrackerTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void firesOnceTheConditionHasHeldForItsDurationAndResolvesWhenItStops() {
        AlertTracker t = AlertTracker.ok(Duration.ofMinutes(5), clock.instant());
        Instant start = clock.instant();

        assertThat(t.update(true, clock.instant())).isEqualTo(Change.NONE);
        assertThat(t.status()).isEqualTo(Status.PENDING);
        assertThat(t.heldSince()).isEqualTo(start);

        clock.advance(Duration.ofSeconds(299));
        assertThat(t.update(true, clock.instant())).isEqualTo(Change.NONE);
        assertThat(t.status()).isEqualTo(Status.PENDING);

        clock.advance(Duration.ofSeconds(1));
        assertThat(t.update(true, clock.instant())).isEqualTo(Change.FIRED);
        assertThat(t.status()).isEqualTo(Status.FIRING);
        assertThat(t.statusSince()).isEqualTo(start.plusSeconds(300));
        assertThat(t.heldSince()).as("the episode began when the condition began to hold").isEqualTo(start);

        clock.advance(Duration.ofMinutes(10));
        assertThat(t.update(true, clock.instant())).as("firing is told once").isEqualTo(Change.NONE);

        clock.advance(Duration.ofSeconds(5));
        assertThat(t.update(false, clock.instant())).isEqualTo(Change.RESOLVED);
        assertThat(t.status()).isEqualTo(Status.OK);
        assertThat(t.statusSince()).isEqualTo(clock.instant());
        assertThat(t.heldSince()).as("a resolved event names the episode's start").isEqualTo(start);

        assertThat(t.update(false, clock.instant())).isEqualTo(Change.NONE);
    }

    @Test
    void aConditionThatStopsHoldingBeforeItsDurationNeverFires() {
        AlertTracker t = AlertTracker.ok(Duration.ofMinutes(5), clock.instant());
        t.update(true, clock.instant());
        clock.advance(Duration.ofMinutes(4));
        assertThat(t.update(false, clock.instant())).isEqualTo(Change.NONE);
        assertThat(t.status()).isEqualTo(Status.OK);

        clock.advance(Duration.ofMinutes(2));
        assertThat(t.update(true, clock.instant())).as("the wait starts over").isEqualTo(Change.NONE);
        clock.advance(Duration.ofMinutes(4));
        assertThat(t.update(true, clock.instant())).isEqualTo(Change.NONE);
        clock.advance(Duration.ofMinutes(1));
        assertThat(t.update(true, clock.instant())).isEqualTo(Change.FIRED);
    }

    @Test
    void zeroDurationFiresAtTheFirstEvaluationThatHolds() {
        AlertTracker t = AlertTracker.ok(Duration.ZERO, clock.instant());
        assertThat(t.update(false, clock.instant())).isEqualTo(Change.NONE);
        clock.advance(Duration.ofSeconds(5));
        assertThat(t.update(true, clock.instant())).isEqualTo(Change.FIRED);
        assertThat(t.heldSince()).isEqualTo(clock.instant());
    }

    @Test
    void anAlertFoundFiringResolvesWhenItsConditionNoLongerHolds() {
        Instant heldSince = clock.instant().minus(Duration.ofHours(1));
        AlertTracker t = AlertTracker.firing(Duration.ofMinutes(5), heldSince, heldSince.plus(Duration.ofMinutes(5)));
        assertThat(t.update(true, clock.instant())).isEqualTo(Change.NONE);
        assertThat(t.update(false, clock.instant())).isEqualTo(Change.RESOLVED);
        assertThat(t.heldSince()).isEqualTo(heldSince);
    }
}

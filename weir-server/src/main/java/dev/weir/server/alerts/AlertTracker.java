package dev.weir.server.alerts;

import dev.weir.server.observe.AlertState.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Where one alert rule stands on one pipeline: OK, PENDING while its condition holds for less
 * than the rule's {@code for}, FIRING once it has held that long, and OK again when it stops
 * holding. Only the moves to FIRING and back to OK are worth telling anyone; {@link #update} says
 * which happened. Not thread-safe: one evaluator drives it.
 */
final class AlertTracker {

    /** What an update did, as far as receivers of events care. */
    enum Change { NONE, FIRED, RESOLVED }

    private final Duration holdFor;
    private Status status;
    private Instant statusSince;
    /** When the condition began to hold, for PENDING and FIRING. */
    private Instant heldSince;

    private AlertTracker(Duration holdFor, Status status, Instant since) {
        this.holdFor = Objects.requireNonNull(holdFor, "holdFor can't be null");
        this.status = status;
        this.statusSince = since;
        this.heldSince = since;
    }

    /** A rule that has not seen its condition hold yet. */
    static AlertTracker ok(Duration holdFor, Instant now) {
        return new AlertTracker(holdFor, Status.OK, now);
    }

    /** A rule found firing in the alerts topic when Weir starts again: held since {@code heldSince}, fired at {@code firedAt}. */
    static AlertTracker firing(Duration holdFor, Instant heldSince, Instant firedAt) {
        AlertTracker t = new AlertTracker(holdFor, Status.FIRING, heldSince);
        t.statusSince = firedAt;
        return t;
    }

    /** Moves on with whether the condition holds {@code now}. */
    Change update(boolean holds, Instant now) {
        if (!holds) {
            Status before = status;
            if (before != Status.OK) {
                move(Status.OK, now);
            }
            return before == Status.FIRING ? Change.RESOLVED : Change.NONE;
        }
        if (status == Status.OK) {
            heldSince = now;
            move(Status.PENDING, now);
        }
        if (status == Status.PENDING && !now.isBefore(heldSince.plus(holdFor))) {
            move(Status.FIRING, now);
            return Change.FIRED;
        }
        return Change.NONE;
    }

    private void move(Status to, Instant now) {
        status = to;
        statusSince = now;
    }

    Status status() {
        return status;
    }

    /** When the rule entered its current status. */
    Instant statusSince() {
        return statusSince;
    }

    /** When the condition began to hold, in the current or the last episode. */
    Instant heldSince() {
        return heldSince;
    }
}

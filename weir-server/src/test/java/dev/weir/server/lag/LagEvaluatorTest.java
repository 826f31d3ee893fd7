package dev.weir.server.lag;

import dev.weir.server.observe.LagStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Burrow's rules, one behaviour per test, on windows of five observations one second apart. */
class LagEvaluatorTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final LagEvaluator EVALUATOR = new LagEvaluator(Duration.ofSeconds(1));

    /** An observation {@code second} seconds after T0. */
    private static OffsetObservation at(int second, long committed, long end) {
        return new OffsetObservation(committed, end, T0.plusSeconds(second));
    }

    private static CommitWindow window(OffsetObservation... observations) {
        CommitWindow w = CommitWindow.empty(5);
        for (OffsetObservation o : observations) {
            w = w.with(o);
        }
        return w;
    }

    /** Judged right after the newest observation, with the end offset it saw. */
    private static LagStatus judgeNow(CommitWindow w) {
        return EVALUATOR.evaluate(w, w.last().endOffset(), w.last().at());
    }

    @Nested
    class Ok {

        @Test
        void anEmptyWindowIsOk() {
            assertThat(EVALUATOR.evaluate(CommitWindow.empty(5), 100, T0)).isEqualTo(LagStatus.OK);
        }

        @Test
        void noLagNowIsOkWhateverTheWindowLooksLike() {
            CommitWindow stuck = window(at(0, 10, 20), at(1, 10, 20), at(2, 10, 20), at(3, 10, 20), at(4, 10, 20));
            assertThat(EVALUATOR.evaluate(stuck, 10, T0.plusSeconds(60))).isEqualTo(LagStatus.OK);
        }

        @Test
        void zeroLagAnywhereInTheWindowIsOk() {
            CommitWindow w = window(at(0, 10, 10), at(1, 10, 12), at(2, 10, 14), at(3, 10, 16), at(4, 10, 18));
            assertThat(judgeNow(w)).isEqualTo(LagStatus.OK);
        }

        @Test
        void commitsMovingWithLagGoingUpAndDownIsOk() {
            CommitWindow w = window(at(0, 10, 15), at(1, 20, 27), at(2, 30, 33), at(3, 40, 48), at(4, 50, 52));
            assertThat(judgeNow(w)).isEqualTo(LagStatus.OK);
        }

        @Test
        void commitsMovingWithLevelLagIsOkBecauseTheGroupKeepsPace() {
            CommitWindow w = window(at(0, 10, 15), at(1, 20, 25), at(2, 30, 35), at(3, 40, 45), at(4, 50, 55));
            assertThat(judgeNow(w)).isEqualTo(LagStatus.OK);
        }

        @Test
        void lagThatGrewButWentDownOnceIsOk() {
            CommitWindow w = window(at(0, 10, 15), at(1, 20, 30), at(2, 30, 42), at(3, 40, 51), at(4, 50, 65));
            assertThat(judgeNow(w)).isEqualTo(LagStatus.OK);
        }

        @Test
        void aCommitAheadOfTheKnownEndCountsAsCaughtUp() {
            CommitWindow w = window(at(0, 12, 10));
            assertThat(w.last().lag()).isZero();
            assertThat(judgeNow(w)).isEqualTo(LagStatus.OK);
        }

        @Test
        void lagThatAppearedAfterTheNewestObservationIsJudgedFromTheCurrentEndOffset() {
            // Caught up at every observation; new records arrived since.
            CommitWindow w = window(at(0, 10, 10), at(1, 10, 10));
            assertThat(EVALUATOR.evaluate(w, 25, T0.plusSeconds(2))).isEqualTo(LagStatus.OK);
        }
    }

    @Nested
    class TooFewObservations {

        @Test
        void theSameOffsetOverAWindowNotYetFullIsNotAStall() {
            CommitWindow w = window(at(0, 10, 20), at(1, 10, 20), at(2, 10, 20), at(3, 10, 20));
            assertThat(judgeNow(w)).isEqualTo(LagStatus.OK);
        }

        @Test
        void growingLagOverAWindowNotYetFullIsNotAWarning() {
            CommitWindow w = window(at(0, 10, 20), at(1, 12, 30), at(2, 14, 40), at(3, 16, 50));
            assertThat(judgeNow(w)).isEqualTo(LagStatus.OK);
        }

        @Test
        void aSingleObservationWithLagIsOkUntilAFullWindowsTimePassesWithoutAnother() {
            CommitWindow w = window(at(0, 10, 20));
            // A full window of five spans four intervals: four seconds.
            assertThat(EVALUATOR.evaluate(w, 20, T0.plusSeconds(4))).isEqualTo(LagStatus.OK);
            assertThat(EVALUATOR.evaluate(w, 20, T0.plusSeconds(4).plusMillis(1))).isEqualTo(LagStatus.STOP);
        }

        @Test
        void aRewindNeedsOnlyTwoObservations() {
            assertThat(judgeNow(window(at(0, 50, 60), at(1, 20, 60)))).isEqualTo(LagStatus.REWIND);
        }
    }

    @Nested
    class Warn {

        @Test
        void lagGrowingAtEveryObservationWhileCommitsMoveIsWarn() {
            CommitWindow w = window(at(0, 10, 20), at(1, 12, 30), at(2, 14, 40), at(3, 16, 50), at(4, 18, 60));
            assertThat(judgeNow(w)).isEqualTo(LagStatus.WARN);
        }

        @Test
        void lagThatNeverGoesDownAndEndsHigherIsWarnEvenWithPlateaus() {
            CommitWindow w = window(at(0, 10, 15), at(1, 20, 25), at(2, 30, 36), at(3, 40, 46), at(4, 50, 57));
            assertThat(judgeNow(w)).isEqualTo(LagStatus.WARN);
        }

        @Test
        void lagGrowingWhileTheOffsetMovesOnlyOnceIsWarn() {
            CommitWindow w = window(at(0, 10, 20), at(1, 10, 25), at(2, 11, 30), at(3, 11, 35), at(4, 11, 40));
            assertThat(judgeNow(w)).isEqualTo(LagStatus.WARN);
        }
    }

    @Nested
    class Stall {

        @Test
        void theSameOffsetAtEveryObservationOfAFullWindowWithLagIsStall() {
            CommitWindow w = window(at(0, 10, 20), at(1, 10, 20), at(2, 10, 20), at(3, 10, 20), at(4, 10, 20));
            assertThat(judgeNow(w)).isEqualTo(LagStatus.STALL);
        }

        @Test
        void theSameOffsetWhileLagGrowsIsStallNotWarn() {
            CommitWindow w = window(at(0, 10, 20), at(1, 10, 30), at(2, 10, 40), at(3, 10, 50), at(4, 10, 60));
            assertThat(judgeNow(w)).isEqualTo(LagStatus.STALL);
        }

        @Test
        void oneMoveAnywhereInTheWindowIsNotAStall() {
            CommitWindow w = window(at(0, 9, 20), at(1, 10, 20), at(2, 10, 20), at(3, 10, 20), at(4, 10, 20));
            assertThat(judgeNow(w)).isNotEqualTo(LagStatus.STALL);
        }
    }

    @Nested
    class Stop {

        private final CommitWindow fourSecondsOfProgress =
                window(at(0, 10, 20), at(1, 20, 30), at(2, 30, 35), at(3, 40, 50), at(4, 50, 55));

        @Test
        void noObservationForLongerThanTheWindowSpansWithLagIsStop() {
            assertThat(EVALUATOR.evaluate(fourSecondsOfProgress, 55, T0.plusSeconds(9))).isEqualTo(LagStatus.STOP);
        }

        @Test
        void noObservationForExactlyTheWindowsSpanIsNotYetStop() {
            assertThat(EVALUATOR.evaluate(fourSecondsOfProgress, 55, T0.plusSeconds(8))).isEqualTo(LagStatus.OK);
        }

        @Test
        void aWindowSpanningLongerThanItsObservationsUsuallyDoGivesLongerGrace() {
            // Commits seen every 10 s (a group without members that commits rarely): 40 s of grace.
            CommitWindow slow = window(at(0, 10, 20), at(10, 20, 30), at(20, 30, 40), at(30, 40, 50), at(40, 50, 60));
            assertThat(EVALUATOR.evaluate(slow, 60, T0.plusSeconds(80))).isEqualTo(LagStatus.OK);
            assertThat(EVALUATOR.evaluate(slow, 60, T0.plusSeconds(81))).isEqualTo(LagStatus.STOP);
        }

        @Test
        void aStoppedGroupWithoutLagIsOk() {
            assertThat(EVALUATOR.evaluate(fourSecondsOfProgress, 50, T0.plusSeconds(3600))).isEqualTo(LagStatus.OK);
        }

        @Test
        void stopOutranksZeroLagEarlierInTheWindow() {
            CommitWindow caughtUp = window(at(0, 10, 10), at(1, 20, 20), at(2, 30, 30), at(3, 40, 40), at(4, 50, 50));
            assertThat(EVALUATOR.evaluate(caughtUp, 80, T0.plusSeconds(20))).isEqualTo(LagStatus.STOP);
        }

        @Test
        void stopOutranksRewind() {
            CommitWindow rewound = window(at(0, 50, 60), at(1, 20, 60));
            assertThat(EVALUATOR.evaluate(rewound, 60, T0.plusSeconds(30))).isEqualTo(LagStatus.STOP);
        }
    }

    @Nested
    class Rewind {

        @Test
        void anOffsetGoingBackWithLagIsRewind() {
            CommitWindow w = window(at(0, 10, 60), at(1, 20, 60), at(2, 5, 60), at(3, 8, 60), at(4, 11, 60));
            assertThat(judgeNow(w)).isEqualTo(LagStatus.REWIND);
        }

        @Test
        void aResetBackAfterBeingCaughtUpIsRewindNotOk() {
            CommitWindow w = window(at(0, 60, 60), at(1, 60, 60), at(2, 0, 60));
            assertThat(judgeNow(w)).isEqualTo(LagStatus.REWIND);
        }

        @Test
        void aRewindFollowedByTheSameOffsetIsRewindNotStall() {
            CommitWindow w = window(at(0, 40, 60), at(1, 10, 60), at(2, 10, 60), at(3, 10, 60), at(4, 10, 60));
            assertThat(judgeNow(w)).isEqualTo(LagStatus.REWIND);
        }

        @Test
        void aGroupThatCaughtUpAfterItsRewindIsJudgedByTheOtherRules() {
            CommitWindow w = window(at(0, 40, 60), at(1, 10, 60), at(2, 60, 60), at(3, 60, 62), at(4, 61, 64));
            assertThat(judgeNow(w)).isEqualTo(LagStatus.OK);
        }

        @Test
        void aRewindIsForgottenOnceItSlidesOutOfTheWindow() {
            CommitWindow w = window(at(0, 40, 100), at(1, 10, 100), at(2, 20, 100), at(3, 30, 100), at(4, 40, 100));
            assertThat(judgeNow(w)).isEqualTo(LagStatus.REWIND);
            w = w.with(at(5, 50, 100));
            assertThat(judgeNow(w)).as("lag fell from 90 to 50 after the rewind left the window").isEqualTo(LagStatus.OK);
        }
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> new LagEvaluator(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("interval must be positive, was PT0S");
        assertThatThrownBy(() -> new LagEvaluator(null))
                .isInstanceOf(NullPointerException.class).hasMessage("interval can't be null");
    }
}

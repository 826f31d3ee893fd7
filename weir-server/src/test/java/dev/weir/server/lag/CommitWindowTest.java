package dev.weir.server.lag;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommitWindowTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static OffsetObservation at(int second, long committed) {
        return new OffsetObservation(committed, 100, T0.plusSeconds(second));
    }

    @Test
    void addingToAFullWindowDropsTheOldestObservation() {
        CommitWindow w = CommitWindow.empty(3).with(at(0, 1)).with(at(1, 2)).with(at(2, 3));
        assertThat(w.isFull()).isTrue();

        CommitWindow slid = w.with(at(3, 4));

        assertThat(slid.observations()).extracting(OffsetObservation::committedOffset).containsExactly(2L, 3L, 4L);
        assertThat(w.observations()).as("unchanged").hasSize(3).first().isEqualTo(at(0, 1));
    }

    @Test
    void spanIsTheTimeFromTheOldestToTheNewestObservation() {
        assertThat(CommitWindow.empty(3).span()).isEqualTo(Duration.ZERO);
        assertThat(CommitWindow.empty(3).with(at(5, 1)).span()).isEqualTo(Duration.ZERO);
        assertThat(CommitWindow.empty(3).with(at(5, 1)).with(at(12, 2)).span()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void lagIsTheDistanceToTheEndAndNeverNegative() {
        assertThat(new OffsetObservation(40, 100, T0).lag()).isEqualTo(60);
        assertThat(new OffsetObservation(100, 100, T0).lag()).isZero();
        assertThat(new OffsetObservation(101, 100, T0).lag()).isZero();
    }

    @Test
    void aWindowHoldsAtLeastTwoObservations() {
        assertThatThrownBy(() -> CommitWindow.empty(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a window holds at least 2 observations, was 1");
    }

    @Test
    void aWindowCannotHoldMoreThanItsCapacity() {
        assertThatThrownBy(() -> new CommitWindow(2, List.of(at(0, 1), at(1, 2), at(2, 3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a window of 2 can't hold 3 observations");
    }

    @Test
    void anEmptyWindowHasNoFirstOrLast() {
        assertThatThrownBy(() -> CommitWindow.empty(2).last())
                .isInstanceOf(IllegalStateException.class).hasMessage("the window is empty");
    }

    @Test
    void offsetsCannotBeNegative() {
        assertThatThrownBy(() -> new OffsetObservation(-1, 0, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("committedOffset can't be negative, was -1");
        assertThatThrownBy(() -> new OffsetObservation(0, -1, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("endOffset can't be negative, was -1");
    }
}

package dev.weir.server.lag;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LagSettingsTest {

    @Test
    void defaultsToEveryFiveSecondsOverTenObservations() {
        LagSettings s = LagSettings.allGroups();
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.window()).isEqualTo(10);
        assertThat(s.watchedGroups()).isEmpty();
    }

    @Test
    void watchesAGivenSetOfGroups() {
        LagSettings s = LagSettings.ofGroups(List.of("weir-shop-clean", "weir-shop-score", "weir-shop-clean"));
        assertThat(s.watchedGroups()).isEqualTo(Optional.of(Set.of("weir-shop-clean", "weir-shop-score")));
        assertThat(LagSettings.ofGroups(List.of()).watchedGroups()).as("watches nothing, not everything")
                .isEqualTo(Optional.of(Set.of()));
    }

    @Test
    void withReturnsANewObjectAndLeavesTheOriginal() {
        LagSettings base = LagSettings.allGroups();
        LagSettings fast = base.withInterval(Duration.ofMillis(200)).withWindow(5);
        assertThat(fast.interval()).isEqualTo(Duration.ofMillis(200));
        assertThat(fast.window()).isEqualTo(5);
        assertThat(base.interval()).isEqualTo(LagSettings.DEFAULT_INTERVAL);
        assertThat(base.window()).isEqualTo(LagSettings.DEFAULT_WINDOW);
    }

    @Test
    void rejectsAnIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> LagSettings.allGroups().withInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("interval must be positive, was PT-1S");
        assertThatThrownBy(() -> LagSettings.allGroups().withInterval(null))
                .isInstanceOf(NullPointerException.class).hasMessage("interval can't be null");
    }

    @Test
    void rejectsAWindowOfFewerThanTwoObservations() {
        assertThatThrownBy(() -> LagSettings.allGroups().withWindow(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("window must hold at least 2 observations, was 1");
    }

    @Test
    void rejectsMissingOrBlankGroupNames() {
        assertThatThrownBy(() -> LagSettings.ofGroups(Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class).hasMessage("a group name can't be null");
        assertThatThrownBy(() -> LagSettings.ofGroups(List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a group name can't be blank");
    }
}

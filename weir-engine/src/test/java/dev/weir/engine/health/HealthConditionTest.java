package dev.weir.engine.health;

import dev.weir.spec.Position;
import dev.weir.spec.alert.HealthVariable;
import dev.weir.spec.model.Expr;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Conditions evaluated on a pipeline's health as the alert evaluator does. */
class HealthConditionTest {

    private static final Position AT = new Position("alerts/a.yaml", 5, 14);

    private static PipelineHealth health(double outPerSecond, double deadPerMinute, long lag, String lagStatus) {
        return new PipelineHealth(50.0, outPerSecond, deadPerMinute, 0.0, 40.0, 3.0, lag, lagStatus, "RUNNING");
    }

    private static HealthCondition condition(String text) {
        return HealthCondition.compile(new Expr(text, AT));
    }

    @Test
    void comparesDoublesWithWholeNumbersAsWritten() {
        HealthCondition c = condition("recordsOutPerSecond == 0 || deadLettersPerMinute > 10");
        assertThat(c.holds(health(0.0, 0.0, 0, "OK"))).isTrue();
        assertThat(c.holds(health(12.5, 11.0, 0, "OK"))).isTrue();
        assertThat(c.holds(health(12.5, 10.0, 0, "OK"))).isFalse();
    }

    @Test
    void comparesWithTheBaselineAndTheLagStatus() {
        HealthCondition halved = condition("recordsOutPerSecond < 0.5 * baselineOutPerSecond");
        assertThat(halved.holds(health(19.0, 0, 0, "OK"))).isTrue();
        assertThat(halved.holds(health(21.0, 0, 0, "OK"))).isFalse();
        HealthCondition lagging = condition("lagStatus != 'OK' && lag > 100");
        assertThat(lagging.holds(health(1, 0, 500, "WARN"))).isTrue();
        assertThat(lagging.holds(health(1, 0, 500, "OK"))).isFalse();
    }

    @Test
    void reportsTheValuesOfTheVariablesItNamesFirstNumberFirst() {
        HealthCondition c = condition("lagStatus != 'OK' || deadLettersPerMinute > 10 || lag > 5");
        PipelineHealth h = health(1, 14.0, 7, "STALL");
        assertThat(c.named()).containsExactly(HealthVariable.LAG_STATUS, HealthVariable.DEAD_LETTERS_PER_MINUTE,
                HealthVariable.LAG);
        assertThat(c.namedValues(h)).containsExactly(java.util.Map.entry("lagStatus", "STALL"),
                java.util.Map.entry("deadLettersPerMinute", 14.0), java.util.Map.entry("lag", 7L));
        assertThat(c.value(h)).contains(14.0);
        assertThat(condition("state != 'RUNNING'").value(h)).isEmpty();
    }
}

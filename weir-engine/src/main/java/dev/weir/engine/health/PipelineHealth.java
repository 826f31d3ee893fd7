package dev.weir.engine.health;

import dev.weir.spec.alert.HealthVariable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How one pipeline is doing at one moment: the values of the {@link HealthVariable}s an alert
 * rule's condition may name. Rates are per second over the last minute, dead letters per minute.
 */
public record PipelineHealth(double recordsInPerSecond, double recordsOutPerSecond, double deadLettersPerMinute,
                             double filteredPerSecond, double baselineOutPerSecond, double secondsSinceLastOutput,
                             long lag, String lagStatus, String state) {

    public PipelineHealth {
        Objects.requireNonNull(lagStatus, "lagStatus can't be null");
        Objects.requireNonNull(state, "state can't be null");
    }

    /** The value of one variable, typed as conditions see it: Double, Long or String. */
    public Object value(HealthVariable variable) {
        return switch (variable) {
            case RECORDS_IN_PER_SECOND -> recordsInPerSecond;
            case RECORDS_OUT_PER_SECOND -> recordsOutPerSecond;
            case DEAD_LETTERS_PER_MINUTE -> deadLettersPerMinute;
            case FILTERED_PER_SECOND -> filteredPerSecond;
            case BASELINE_OUT_PER_SECOND -> baselineOutPerSecond;
            case SECONDS_SINCE_LAST_OUTPUT -> secondsSinceLastOutput;
            case LAG -> lag;
            case LAG_STATUS -> lagStatus;
            case STATE -> state;
        };
    }

    /** Every variable by the name conditions use. */
    public Map<String, Object> variables() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (HealthVariable v : HealthVariable.values()) {
            m.put(v.id(), value(v));
        }
        return m;
    }
}

package dev.weir.spec.alert;

import java.util.Arrays;
import java.util.List;

/**
 * What an alert rule's condition may name about a pipeline: rates over the last minute, the
 * output rate over the hour before it, time since the last output, consumer lag and the Kafka
 * Streams state. Declared once here, for the loader's docs, {@code weir validate}'s type check and
 * the evaluator alike.
 */
public enum HealthVariable {

    RECORDS_IN_PER_SECOND("recordsInPerSecond", Type.DOUBLE,
            "Records read per second, over the last minute."),
    RECORDS_OUT_PER_SECOND("recordsOutPerSecond", Type.DOUBLE,
            "Records written per second (sink and route outputs, dead letters apart), over the last minute."),
    DEAD_LETTERS_PER_MINUTE("deadLettersPerMinute", Type.DOUBLE,
            "Records sent to the dead-letter topic per minute, over the last minute."),
    FILTERED_PER_SECOND("filteredPerSecond", Type.DOUBLE,
            "Records dropped by filter steps per second, over the last minute."),
    BASELINE_OUT_PER_SECOND("baselineOutPerSecond", Type.DOUBLE,
            "Records written per second on average over the hour before the last minute (less while Weir has "
                    + "watched for less than that; 0 in the first minute)."),
    SECONDS_SINCE_LAST_OUTPUT("secondsSinceLastOutput", Type.DOUBLE,
            "Seconds since the pipeline last wrote a record (counted from when Weir started watching, if never)."),
    LAG("lag", Type.INT,
            "Records the pipeline's consumer group has yet to read, over all its input partitions."),
    LAG_STATUS("lagStatus", Type.STRING,
            "The group's lag status: OK, WARN, REWIND, STALL or STOP (see docs/alerts.md)."),
    STATE("state", Type.STRING,
            "The Kafka Streams state: CREATED, REBALANCING, RUNNING, PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR or ERROR.");

    /** The value types a variable may have, as CEL names them. */
    public enum Type {
        DOUBLE("double"), INT("int"), STRING("string");

        private final String celName;

        Type(String celName) {
            this.celName = celName;
        }

        /** The type's name in CEL, e.g. {@code double}. */
        public String celName() {
            return celName;
        }
    }

    private final String id;
    private final Type type;
    private final String description;

    HealthVariable(String id, Type type, String description) {
        this.id = id;
        this.type = type;
        this.description = description;
    }

    /** The name a condition uses, e.g. {@code deadLettersPerMinute}. */
    public String id() {
        return id;
    }

    public Type type() {
        return type;
    }

    public String description() {
        return description;
    }

    /** Every variable's name, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(HealthVariable::id).toList();
    }
}

package dev.weir.engine.step;

import dev.weir.engine.expr.RecordMeta;

import java.util.Map;

/**
 * A step that looks at one record at a time, without state. Consecutive record steps are fused
 * into one processor, so a record passes through them without crossing the topology.
 */
public interface RecordStep {

    String id();

    /**
     * Returns the record to pass on (the same map, changed or not, or a new one), or {@code null}
     * to drop it. Throws {@link StepFailure} or {@code EvaluationFailure} to dead-letter it, and
     * then leaves {@code record} as it was. The caller owns {@code record}: a step that
     * {@link #changesRecord() changes records} may change it in place rather than copy it.
     */
    Map<String, Object> apply(Map<String, Object> record, RecordMeta meta);

    /** Whether {@link #apply} may change the map it is given: the chain then hands it a map of its own. */
    default boolean changesRecord() {
        return false;
    }
}

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
     * Returns the record to pass on (the same map or a new one; never mutate the input), or
     * {@code null} to drop it. Throws {@link StepFailure} or {@code EvaluationFailure} to dead-letter it.
     */
    Map<String, Object> apply(Map<String, Object> record, RecordMeta meta);
}

package dev.weir.engine.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what flows through one step of a pipeline. Processors fetch it once, when the pipeline is
 * compiled, so counting a record is a {@link LongAdder} increment, without a lookup.
 * <p>
 * In a record step (filter, map, mask, validate) every record in comes out, is filtered or is
 * dead-lettered. A stream step may hold records (dedupe, windows) or make several of one (join,
 * aggregate): there "in" counts the records it received and "out" the records it emitted.
 */
public final class StepMetrics {

    private final String step;
    private final LongAdder pipelineFiltered;
    private final LongAdder pipelineDead;
    private final LongAdder in = new LongAdder();
    private final LongAdder out = new LongAdder();
    private final LongAdder filtered = new LongAdder();
    private final LongAdder dead = new LongAdder();

    StepMetrics(String step, LongAdder pipelineFiltered, LongAdder pipelineDead) {
        this.step = step;
        this.pipelineFiltered = pipelineFiltered;
        this.pipelineDead = pipelineDead;
    }

    /** The step's id, as in dead-letter headers. */
    public String step() {
        return step;
    }

    /** A record reached the step. */
    public void countIn() {
        in.increment();
    }

    /** The step passed a record on. */
    public void countOut() {
        out.increment();
    }

    /** The step dropped a record on purpose (a filter, a duplicate, no match in an inner join). */
    public void countFiltered() {
        filtered.increment();
        pipelineFiltered.increment();
    }

    /** A record that failed in this step was written to the dead-letter topic. */
    public void countDeadLettered() {
        dead.increment();
        pipelineDead.increment();
    }

    public long in() {
        return in.sum();
    }

    public long out() {
        return out.sum();
    }

    public long filtered() {
        return filtered.sum();
    }

    public long deadLettered() {
        return dead.sum();
    }
}

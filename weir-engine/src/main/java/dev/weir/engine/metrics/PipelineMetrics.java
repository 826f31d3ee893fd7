package dev.weir.engine.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts what flows through one pipeline: records in, out, filtered and dead-lettered, in total and per step. */
public final class PipelineMetrics {

    private final String pipeline;
    private final LongAdder in = new LongAdder();
    private final LongAdder out = new LongAdder();
    private final LongAdder filtered = new LongAdder();
    private final LongAdder dead = new LongAdder();
    private final Map<String, LongAdder> deadByStep = new ConcurrentHashMap<>();

    public PipelineMetrics(String pipeline) {
        this.pipeline = pipeline;
    }

    public String pipeline() {
        return pipeline;
    }

    public void recordIn() {
        in.increment();
    }

    public void recordOut() {
        out.increment();
    }

    public void filtered() {
        filtered.increment();
    }

    public void deadLettered(String step) {
        dead.increment();
        deadByStep.computeIfAbsent(step, s -> new LongAdder()).increment();
    }

    public long in() {
        return in.sum();
    }

    public long out() {
        return out.sum();
    }

    public long filteredCount() {
        return filtered.sum();
    }

    public long dead() {
        return dead.sum();
    }

    public Map<String, Long> deadByStep() {
        Map<String, Long> m = new java.util.TreeMap<>();
        deadByStep.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}

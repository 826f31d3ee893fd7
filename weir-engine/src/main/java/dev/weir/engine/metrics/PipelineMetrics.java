package dev.weir.engine.metrics;

import java.util.Map;
import java.util.TreeMap;
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
    private final Map<String, LongAdder> inByTopic = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> outByTopic = new ConcurrentHashMap<>();

    public PipelineMetrics(String pipeline) {
        this.pipeline = pipeline;
    }

    public String pipeline() {
        return pipeline;
    }

    /** A record read from {@code topic}. */
    public void recordIn(String topic) {
        in.increment();
        inByTopic.computeIfAbsent(topic, t -> new LongAdder()).increment();
    }

    /** A record written to {@code topic} (a sink or route branch; dead letters are counted apart). */
    public void recordOut(String topic) {
        out.increment();
        outByTopic.computeIfAbsent(topic, t -> new LongAdder()).increment();
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
        return sums(deadByStep);
    }

    /** Records read, per source topic. */
    public Map<String, Long> inByTopic() {
        return sums(inByTopic);
    }

    /** Records written, per output topic. */
    public Map<String, Long> outByTopic() {
        return sums(outByTopic);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> m = new TreeMap<>();
        counters.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}

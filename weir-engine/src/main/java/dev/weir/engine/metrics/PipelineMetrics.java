package dev.weir.engine.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what flows through one pipeline: records in, out, filtered and dead-lettered, in total,
 * per topic and per step; and two latencies: how long the pipeline's processors take over a
 * record, and how long after its event time a result reaches an output topic.
 * <p>
 * Everything is counted with {@link LongAdder}s (and {@link LatencyHistogram}s made of them), so
 * the stream threads that count never wait for each other or for a reader. Processors fetch their
 * {@link StepMetrics} and {@link SinkMetrics} once, when the pipeline is compiled.
 */
public final class PipelineMetrics {

    /** The span {@link #recentProcessingLatency()} and {@link #recentEndToEndLatency()} cover. */
    public static final Duration RECENT = Duration.ofMinutes(1);

    private final String pipeline;
    private final LongAdder in = new LongAdder();
    private final LongAdder out = new LongAdder();
    private final LongAdder filtered = new LongAdder();
    private final LongAdder dead = new LongAdder();
    /** The pipeline's steps, in the order they were declared. */
    private final Map<String, StepMetrics> steps = new ConcurrentHashMap<>();
    private final List<StepMetrics> stepOrder = new ArrayList<>();
    /** Dead letters of parts that are not steps: the source (decode, key) and sinks (encode). */
    private final Map<String, LongAdder> otherDead = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> inByTopic = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> outByTopic = new ConcurrentHashMap<>();
    private final LatencyHistogram processing = new LatencyHistogram(LatencyHistogram.PROCESSING_BUCKETS);
    private final LatencyHistogram endToEnd = new LatencyHistogram(LatencyHistogram.END_TO_END_BUCKETS);
    private final RecentLatency recentProcessing = new RecentLatency(processing, RECENT, System::nanoTime);
    private final RecentLatency recentEndToEnd = new RecentLatency(endToEnd, RECENT, System::nanoTime);

    public PipelineMetrics(String pipeline) {
        this.pipeline = pipeline;
    }

    public String pipeline() {
        return pipeline;
    }

    /**
     * The counters of the step with this id, made on first call. The compiler calls it for every
     * step in order, so every step is listed (with zeros) before any record arrives.
     */
    public StepMetrics step(String id) {
        StepMetrics s = steps.get(id);
        if (s != null) {
            return s;
        }
        synchronized (stepOrder) {
            return steps.computeIfAbsent(id, k -> {
                StepMetrics made = new StepMetrics(k, filtered, dead);
                stepOrder.add(made);
                return made;
            });
        }
    }

    /** Every step's counters, in the order the steps were declared. */
    public List<StepMetrics> steps() {
        synchronized (stepOrder) {
            return List.copyOf(stepOrder);
        }
    }

    /** The counters for records written to {@code topic}: a sink, a route branch or an aggregate's {@code to}. */
    public SinkMetrics sink(String topic) {
        return new SinkMetrics(topic, out, outByTopic.computeIfAbsent(topic, t -> new LongAdder()), endToEnd);
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

    /** A record dropped on purpose by a step not named; steps count with {@link StepMetrics#countFiltered()}. */
    public void filtered() {
        filtered.increment();
    }

    /** A record that failed in {@code step} (a step's id, {@code source} or a sink's name) was dead-lettered. */
    public void deadLettered(String step) {
        StepMetrics s = steps.get(step);
        if (s != null) {
            s.countDeadLettered();
            return;
        }
        dead.increment();
        otherDead.computeIfAbsent(step, k -> new LongAdder()).increment();
    }

    /** Time the pipeline's processors spent on one source record, from reading it to handing its results on. */
    public void recordProcessingNanos(long nanos) {
        processing.recordNanos(nanos);
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

    /** Records read from {@code topic}. */
    public long in(String topic) {
        LongAdder n = inByTopic.get(topic);
        return n == null ? 0 : n.sum();
    }

    /** Records written to {@code topic}. */
    public long out(String topic) {
        LongAdder n = outByTopic.get(topic);
        return n == null ? 0 : n.sum();
    }

    /** Dead letters of one step (or {@code source}, or a sink). */
    public long dead(String step) {
        StepMetrics s = steps.get(step);
        if (s != null) {
            return s.deadLettered();
        }
        LongAdder n = otherDead.get(step);
        return n == null ? 0 : n.sum();
    }

    /** Dead letters per step (or {@code source}, or sink), for those that had any. */
    public Map<String, Long> deadByStep() {
        Map<String, Long> m = sums(otherDead);
        for (StepMetrics s : steps.values()) {
            long n = s.deadLettered();
            if (n > 0) {
                m.put(s.step(), n);
            }
        }
        return m;
    }

    /** Records filtered per step, for steps that filtered any. */
    public Map<String, Long> filteredByStep() {
        Map<String, Long> m = new TreeMap<>();
        for (StepMetrics s : steps.values()) {
            long n = s.filtered();
            if (n > 0) {
                m.put(s.step(), n);
            }
        }
        return m;
    }

    /** Records read, per source topic. */
    public Map<String, Long> inByTopic() {
        return sums(inByTopic);
    }

    /** Records written, per output topic. */
    public Map<String, Long> outByTopic() {
        return sums(outByTopic);
    }

    /**
     * Time spent on each source record by the processors that read it: the steps, and the sinks
     * that follow without a repartition. Not counted: records of a join's other topic, and the part
     * of a pipeline after a re-key (join, aggregate), which Kafka Streams runs as a record of its own.
     */
    public LatencyHistogram processingLatency() {
        return processing;
    }

    /** Wall-clock time at writing a record to an output topic minus the record's timestamp (its event time). */
    public LatencyHistogram endToEndLatency() {
        return endToEnd;
    }

    /** p50 and p99 of {@link #processingLatency()} over about the last minute (see {@link #RECENT}). */
    public LatencyQuantiles recentProcessingLatency() {
        return LatencyQuantiles.of(recentProcessing.current());
    }

    /** p50 and p99 of {@link #endToEndLatency()} over about the last minute (see {@link #RECENT}). */
    public LatencyQuantiles recentEndToEndLatency() {
        return LatencyQuantiles.of(recentEndToEnd.current());
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> m = new TreeMap<>();
        counters.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}

package dev.weir.server.metrics;

import dev.weir.engine.metrics.PipelineMetrics;
import dev.weir.engine.metrics.StepMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * One pipeline's counters as Micrometer function counters: the pipeline counts with its own
 * {@code LongAdder}s, and the counters read them at scrape time. Topics and steps seen for the
 * first time since the last scrape get their counters at the next {@link #refresh()}.
 */
final class PipelineMeters {

    static final String IN = "weir.pipeline.records.in";
    static final String OUT = "weir.pipeline.records.out";
    static final String FILTERED = "weir.pipeline.records.filtered";
    static final String DEAD_LETTERED = "weir.pipeline.records.dead.lettered";
    static final String STEP_IN = "weir.pipeline.step.records.in";
    static final String STEP_OUT = "weir.pipeline.step.records.out";
    static final String STATE = "weir.pipeline.state";

    private final PipelineMetrics metrics;
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final Set<String> registered = new HashSet<>();

    PipelineMeters(PipelineMetrics metrics, Supplier<KafkaStreams.State> state, MeterRegistry registry) {
        this.metrics = metrics;
        this.registry = registry;
        for (KafkaStreams.State s : KafkaStreams.State.values()) {
            meters.add(Gauge.builder(STATE, state, st -> st.get() == s ? 1 : 0)
                    .description("1 for the Kafka Streams state the pipeline is in, 0 for the others")
                    .tag("pipeline", metrics.pipeline()).tag("state", s.name())
                    .strongReference(true)
                    .register(registry));
        }
        refresh();
    }

    String pipeline() {
        return metrics.pipeline();
    }

    PipelineMetrics metrics() {
        return metrics;
    }

    /** Adds counters for topics and steps that appeared since the last call. */
    synchronized void refresh() {
        for (String topic : metrics.inByTopic().keySet()) {
            counter(IN, "topic", topic, "Records the pipeline read, per source topic", m -> m.in(topic));
        }
        for (String topic : metrics.outByTopic().keySet()) {
            counter(OUT, "topic", topic, "Records the pipeline wrote, per output topic (dead letters apart)",
                    m -> m.out(topic));
        }
        for (StepMetrics s : metrics.steps()) {
            String step = s.step();
            counter(STEP_IN, "step", step, "Records that reached the step", m -> s.in());
            counter(STEP_OUT, "step", step, "Records the step passed on (or, for aggregate, results it emitted)",
                    m -> s.out());
            counter(FILTERED, "step", step, "Records the step dropped on purpose: filtered, duplicates, no match",
                    m -> s.filtered());
            counter(DEAD_LETTERED, "step", step, "Records that failed in the step and went to the dead-letter topic",
                    m -> s.deadLettered());
        }
        for (String step : metrics.deadByStep().keySet()) {
            // the source (decode, key) and sinks (encode) dead-letter too
            counter(DEAD_LETTERED, "step", step, "Records that failed in the step and went to the dead-letter topic",
                    m -> m.dead(step));
        }
    }

    private void counter(String name, String key, String value, String description, ToDoubleFunction<PipelineMetrics> f) {
        if (!registered.add(name + '\u0000' + value)) {
            return;
        }
        meters.add(FunctionCounter.builder(name, metrics, f)
                .description(description)
                .tag("pipeline", metrics.pipeline()).tag(key, value)
                .register(registry)); // holds the metrics weakly; this object holds them for as long as it is bound
    }

    /** Removes this pipeline's meters from the registry. */
    synchronized void remove() {
        meters.forEach(registry::remove);
        meters.clear();
        registered.clear();
    }
}

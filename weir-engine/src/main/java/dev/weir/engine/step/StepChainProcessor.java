package dev.weir.engine.step;

import dev.weir.engine.deadletter.DeadLetter;
import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.EvaluationFailure;
import dev.weir.engine.expr.RecordMeta;
import dev.weir.engine.metrics.PipelineMetrics;
import dev.weir.engine.metrics.StepMetrics;
import dev.weir.engine.record.Decoded;
import dev.weir.engine.record.Json;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a run of record steps on each record in one processor. At the head of a pipeline it also
 * takes decoded source records, dead-letters those that failed to decode, and sets the key; there
 * it times each record's processing (see {@link PipelineMetrics#processingLatency()}).
 * Forwards a {@code Map} for a record that goes on, or a {@link DeadLetter}.
 */
public final class StepChainProcessor implements Processor<String, Object, String, Object> {

    public static final String SOURCE_STEP = "source";

    private final List<RecordStep> steps;
    private final Optional<CompiledExpression> sourceKey;
    private final PipelineMetrics metrics;
    private final StepMetrics[] stepMetrics;
    /** Whether a step changes records in place, so the chain must own the map it runs on. */
    private final boolean changes;
    private ProcessorContext<String, Object> context;

    public StepChainProcessor(List<RecordStep> steps, Optional<CompiledExpression> sourceKey, PipelineMetrics metrics) {
        this.steps = List.copyOf(steps);
        this.sourceKey = sourceKey;
        this.metrics = metrics;
        this.stepMetrics = this.steps.stream().map(s -> metrics.step(s.id())).toArray(StepMetrics[]::new);
        this.changes = this.steps.stream().anyMatch(RecordStep::changesRecord);
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Record<String, Object> record) {
        if (record.value() instanceof Decoded d) {
            // The head of the pipeline: everything downstream up to the sinks runs inside this call.
            long start = System.nanoTime();
            processSource(record, d);
            metrics.recordProcessingNanos(System.nanoTime() - start);
        } else {
            // A map from upstream may have gone to other branches too: work on a copy of it.
            Map<String, Object> fields = (Map<String, Object>) record.value();
            runSteps(record, record.key(), changes ? new LinkedHashMap<>(fields) : fields);
        }
    }

    private void processSource(Record<String, Object> record, Decoded d) {
        metrics.recordIn(context.recordMetadata().map(m -> m.topic()).orElse("unknown"));
        if (!d.isOk()) {
            deadLetter(record, SOURCE_STEP, "decode", d.error(), d.raw());
            return;
        }
        String key = record.key();
        if (sourceKey.isPresent()) {
            try {
                key = sourceKey.get().evalString(d.fields(), meta(key, record));
            } catch (EvaluationFailure e) {
                deadLetter(record, SOURCE_STEP, "key", e.getMessage(), d.raw());
                return;
            }
        }
        // A decoded record is this chain's alone (decoders make mutable LinkedHashMaps).
        Map<String, Object> fields = d.fields();
        runSteps(record, key, changes && !(fields instanceof LinkedHashMap) ? new LinkedHashMap<>(fields) : fields);
    }

    private void runSteps(Record<String, Object> record, String key, Map<String, Object> fields) {
        RecordMeta meta = meta(key, record);
        for (int i = 0; i < steps.size(); i++) {
            RecordStep step = steps.get(i);
            StepMetrics counted = stepMetrics[i];
            counted.countIn();
            Map<String, Object> next;
            try {
                next = step.apply(fields, meta);
            } catch (StepFailure e) {
                deadLetter(record, step.id(), e.rule(), e.getMessage(), Json.write(fields));
                return;
            } catch (EvaluationFailure e) {
                deadLetter(record, step.id(), null, e.getMessage(), Json.write(fields));
                return;
            }
            if (next == null) {
                counted.countFiltered();
                return;
            }
            counted.countOut();
            fields = next;
        }
        context.forward(new Record<>(key, fields, record.timestamp(), record.headers()));
    }

    private RecordMeta meta(String key, Record<String, Object> record) {
        return RecordMeta.of(context, key, record.timestamp());
    }

    private void deadLetter(Record<String, Object> record, String step, String rule, String error, byte[] payload) {
        context.forward(record.withValue(DeadLetters.of(context, step, rule, error, payload)));
    }
}

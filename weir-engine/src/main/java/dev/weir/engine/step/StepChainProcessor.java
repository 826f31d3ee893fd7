package dev.weir.engine.step;

import dev.weir.engine.deadletter.DeadLetter;
import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.EvaluationFailure;
import dev.weir.engine.expr.RecordMeta;
import dev.weir.engine.metrics.PipelineMetrics;
import dev.weir.engine.record.Decoded;
import dev.weir.engine.record.Json;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a run of record steps on each record in one processor. At the head of a pipeline it also
 * takes decoded source records, dead-letters those that failed to decode, and sets the key.
 * Forwards a {@code Map} for a record that goes on, or a {@link DeadLetter}.
 */
public final class StepChainProcessor implements Processor<String, Object, String, Object> {

    public static final String SOURCE_STEP = "source";

    private final List<RecordStep> steps;
    private final Optional<CompiledExpression> sourceKey;
    private final PipelineMetrics metrics;
    private ProcessorContext<String, Object> context;

    public StepChainProcessor(List<RecordStep> steps, Optional<CompiledExpression> sourceKey, PipelineMetrics metrics) {
        this.steps = List.copyOf(steps);
        this.sourceKey = sourceKey;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Record<String, Object> record) {
        Map<String, Object> fields;
        String key = record.key();
        if (record.value() instanceof Decoded d) {
            metrics.recordIn(context.recordMetadata().map(m -> m.topic()).orElse("unknown"));
            if (!d.isOk()) {
                deadLetter(record, SOURCE_STEP, "decode", d.error(), d.raw());
                return;
            }
            fields = d.fields();
            if (sourceKey.isPresent()) {
                try {
                    key = sourceKey.get().evalString(fields, meta(key, record));
                } catch (EvaluationFailure e) {
                    deadLetter(record, SOURCE_STEP, "key", e.getMessage(), d.raw());
                    return;
                }
            }
        } else {
            fields = (Map<String, Object>) record.value();
        }
        RecordMeta meta = meta(key, record);
        for (RecordStep step : steps) {
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
                metrics.filtered();
                return;
            }
            fields = next;
        }
        context.forward(record.withKey(key).withValue(fields));
    }

    private RecordMeta meta(String key, Record<String, Object> record) {
        return RecordMeta.of(context, key, record.timestamp());
    }

    private void deadLetter(Record<String, Object> record, String step, String rule, String error, byte[] payload) {
        context.forward(record.withValue(DeadLetters.of(context, step, rule, error, payload)));
    }
}

package dev.weir.engine.compile;

import dev.weir.engine.deadletter.DeadLetter;
import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.EvaluationFailure;
import dev.weir.engine.expr.RecordMeta;
import dev.weir.engine.record.Json;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.util.Map;
import java.util.Optional;

/** Re-keys records by an expression; a record whose key cannot be computed becomes a dead letter. */
public final class KeyProcessor implements Processor<String, Map<String, Object>, String, Object> {

    private final String step;
    private final CompiledExpression key;
    private ProcessorContext<String, Object> context;

    public KeyProcessor(String step, CompiledExpression key) {
        this.step = step;
        this.key = key;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Map<String, Object>> record) {
        Optional<RecordMetadata> m = context.recordMetadata();
        try {
            String k = key.evalString(record.value(), RecordMeta.of(context, record.key(), record.timestamp()));
            context.forward(record.withKey(k).withValue(record.value()));
        } catch (EvaluationFailure e) {
            context.forward(record.withValue(new DeadLetter(step, "key", e.getMessage(), Json.write(record.value()),
                    m.map(RecordMetadata::topic).orElse(null), m.map(RecordMetadata::partition).orElse(-1),
                    m.map(RecordMetadata::offset).orElse(-1L))));
        }
    }
}

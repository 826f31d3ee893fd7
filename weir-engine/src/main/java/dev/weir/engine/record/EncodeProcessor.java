package dev.weir.engine.record;

import dev.weir.engine.deadletter.DeadLetter;
import dev.weir.engine.metrics.SinkMetrics;
import dev.weir.engine.schema.SchemaException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.util.Map;
import java.util.Optional;

/**
 * Encodes records where they leave a pipeline, in a processor rather than in the sink's
 * serializer, so a record that does not fit the sink's schema is dead-lettered instead of
 * failing the application. Forwards {@code byte[]} values, or {@link DeadLetter}s. A record
 * encoded is counted as written to the topic.
 */
public final class EncodeProcessor implements Processor<String, Map<String, Object>, String, Object> {

    private final String step;
    private final String topic;
    private final ValueFormat format;
    private final SinkMetrics metrics;
    private ProcessorContext<String, Object> context;

    public EncodeProcessor(String step, String topic, ValueFormat format, SinkMetrics metrics) {
        this.step = step;
        this.topic = topic;
        this.format = format;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Map<String, Object>> record) {
        byte[] encoded;
        try {
            encoded = format.encode(record.value());
        } catch (SchemaException | IllegalArgumentException e) {
            Optional<RecordMetadata> m = context.recordMetadata();
            context.forward(record.withValue(new DeadLetter(step, "encode", "cannot write to " + topic + ": " + e.getMessage(),
                    Json.write(record.value()), m.map(RecordMetadata::topic).orElse(null),
                    m.map(RecordMetadata::partition).orElse(-1), m.map(RecordMetadata::offset).orElse(-1L))));
            return;
        }
        metrics.countOut(record.timestamp());
        context.forward(record.withValue(encoded));
    }
}

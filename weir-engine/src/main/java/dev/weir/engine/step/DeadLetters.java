package dev.weir.engine.step;

import dev.weir.engine.deadletter.DeadLetter;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.util.Optional;

/** Builds a {@link DeadLetter} stamped with where the current record came from. */
final class DeadLetters {

    private DeadLetters() {
    }

    static DeadLetter of(ProcessorContext<?, ?> context, String step, String rule, String error, byte[] payload) {
        Optional<RecordMetadata> m = context.recordMetadata();
        return new DeadLetter(step, rule, error, payload, m.map(RecordMetadata::topic).orElse(null),
                m.map(RecordMetadata::partition).orElse(-1), m.map(RecordMetadata::offset).orElse(-1L));
    }
}

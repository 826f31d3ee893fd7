package dev.weir.engine.record;

import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.EvaluationFailure;
import dev.weir.engine.expr.RecordMeta;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Event time from an expression over the decoded record: epoch milliseconds, or an ISO-8601
 * instant. A record whose time cannot be read keeps its own timestamp for ordering and is marked
 * failed, so the pipeline's first processor dead-letters it.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    private final CompiledExpression expression;

    public EventTimeExtractor(CompiledExpression expression) {
        this.expression = expression;
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long fallback = record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
        if (!(record.value() instanceof Decoded d) || !d.isOk()) {
            return fallback;
        }
        try {
            Object v = expression.eval(d.fields(), new RecordMeta(null, record.topic(), record.partition(),
                    record.offset(), record.timestamp()));
            long ts = toMillis(v);
            if (ts < 0) {
                d.fail("event time " + ts + " from '" + expression.source().text() + "' is negative");
                return fallback;
            }
            return ts;
        } catch (EvaluationFailure | IllegalArgumentException e) {
            d.fail("cannot read event time: " + e.getMessage());
            return fallback;
        }
    }

    static long toMillis(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double dbl) {
            return dbl.longValue();
        }
        if (v instanceof String s) {
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(s).toInstant().toEpochMilli();
                } catch (DateTimeParseException e2) {
                    throw new IllegalArgumentException("'" + s + "' is not an ISO-8601 time");
                }
            }
        }
        throw new IllegalArgumentException("expected epoch milliseconds or an ISO-8601 string, got " + v);
    }
}

package dev.weir.engine.expr;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.util.LinkedHashMap;
import java.util.Map;

/** What expressions see as {@code meta}: the record's key and where it came from. */
public record RecordMeta(String key, String topic, int partition, long offset, long timestamp) {

    public static final RecordMeta NONE = new RecordMeta(null, null, -1, -1, -1);

    /** The current record's metadata as a processor sees it, with the key and timestamp it carries now. */
    public static RecordMeta of(ProcessorContext<?, ?> context, String key, long timestamp) {
        RecordMetadata m = context.recordMetadata().orElse(null);
        return m == null ? new RecordMeta(key, null, -1, -1, timestamp)
                : new RecordMeta(key, m.topic(), m.partition(), m.offset(), timestamp);
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("topic", topic);
        m.put("partition", (long) partition);
        m.put("offset", offset);
        m.put("timestamp", timestamp);
        return m;
    }
}

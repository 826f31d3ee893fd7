package dev.weir.engine.expr;

import java.util.LinkedHashMap;
import java.util.Map;

/** What expressions see as {@code meta}: the record's key and where it came from. */
public record RecordMeta(String key, String topic, int partition, long offset, long timestamp) {

    public static final RecordMeta NONE = new RecordMeta(null, null, -1, -1, -1);

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

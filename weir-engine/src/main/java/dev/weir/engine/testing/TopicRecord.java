package dev.weir.engine.testing;

import dev.weir.engine.record.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A record on a topic as a test sees it: sent by the test or written by a pipeline. Keys are
 * text, as pipelines write them; a header without a value reads as the empty string.
 */
public record TopicRecord(String topic, String key, byte[] value, Map<String, String> headers, long timestamp) {

    public TopicRecord {
        Objects.requireNonNull(topic, "topic can't be null");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The value as data: parsed JSON of any kind when it is JSON, else its text; null for a tombstone. */
    public Object decodedValue() {
        if (value == null) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(value, Object.class);
        } catch (IOException e) {
            return text();
        }
    }

    /** The value as UTF-8 text, or null for a tombstone. */
    public String text() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicRecord r && topic.equals(r.topic) && Objects.equals(key, r.key)
                && Arrays.equals(value, r.value) && headers.equals(r.headers) && timestamp == r.timestamp;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, key, Arrays.hashCode(value), headers, timestamp);
    }

    @Override
    public String toString() {
        return topic + "[key=" + key + ", value=" + text() + ", headers=" + headers + ", timestamp=" + timestamp + "]";
    }
}

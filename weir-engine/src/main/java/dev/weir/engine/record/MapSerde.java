package dev.weir.engine.record;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.util.Map;

/** JSON serde for records inside a pipeline: repartition topics, state stores, changelogs. */
public final class MapSerde implements Serde<Map<String, Object>> {

    public static final MapSerde INSTANCE = new MapSerde();

    @Override
    public Serializer<Map<String, Object>> serializer() {
        return (topic, data) -> data == null ? null : Json.write(data);
    }

    @Override
    public Deserializer<Map<String, Object>> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return Json.parseObject(data);
            } catch (IOException e) {
                throw new SerializationException("internal record on " + topic + " is not a JSON object", e);
            }
        };
    }
}

package dev.weir.engine.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Map;

/**
 * The one JSON mapper of the engine. Integers decode as {@code Long} and decimals as
 * {@code Double}, the two numeric types CEL expressions see.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /** Built once: resolving the map type on every record showed up in profiles. */
    private static final ObjectReader MAP_READER = MAPPER.readerFor(MAP);

    private Json() {
    }

    /** Parses a JSON object. Anything else (an array, a number, bad JSON) is an {@link IOException}. */
    public static Map<String, Object> parseObject(byte[] bytes) throws IOException {
        if (bytes == null || bytes.length == 0) {
            throw new IOException("empty value");
        }
        int i = 0;
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        if (i == bytes.length || bytes[i] != '{') {
            throw new IOException("expected a JSON object");
        }
        return MAP_READER.readValue(bytes);
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}

package dev.weir.engine.record;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        // Read straight off the parser: what Jackson's Map binding would build (LinkedHashMap, ArrayList, Long or
        // BigInteger, Double, String, Boolean, null; the last of duplicate keys wins), without the
        // deserializer lookups per value that the generic path pays on every record.
        try (JsonParser p = MAPPER.createParser(bytes)) {
            p.nextToken();
            Map<String, Object> object = readObject(p);
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new JsonParseException(p, "Trailing token (of type " + trailing + ") found after the JSON object");
            }
            return object;
        }
    }

    /** Reads an object's fields; the parser is on its START_OBJECT. */
    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            out.put(name, readValue(p, p.nextToken()));
        }
        return out;
    }

    /** Reads the value at the parser's current token {@code t}, as {@link #parseObject} reads values. */
    public static Object readValue(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case START_OBJECT -> readObject(p);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    list.add(readValue(p, e));
                }
                yield list;
            }
            default -> throw new JsonParseException(p, "Unexpected token " + t);
        };
    }

    public static byte[] write(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            try {
                return MAPPER.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
        }
        // Records are maps of a few value types: write them straight to the generator, as
        // MAPPER would, without looking up a serializer for every value.
        BufferRecycler recycler = MAPPER.getFactory()._getBufferRecycler();
        try (ByteArrayBuilder out = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator g = MAPPER.createGenerator(out)) {
                writeMap(g, map);
            }
            return out.getClearAndRelease();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            recycler.releaseToPool();
        }
    }

    private static void writeMap(JsonGenerator g, Map<?, ?> map) throws IOException {
        g.writeStartObject(map, map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new JsonGenerationException("a field has no name (null key)", g);
            }
            g.writeFieldName(e.getKey().toString());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
    }

    /** Writes a value of a record (what {@link #parseObject} reads) to a generator. */
    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Map<?, ?> m) {
            writeMap(g, m);
        } else if (v instanceof List<?> list) {
            g.writeStartArray(list, list.size());
            for (Object o : list) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeObject(v); // anything else (BigDecimal, Instant, ...) as MAPPER writes it
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

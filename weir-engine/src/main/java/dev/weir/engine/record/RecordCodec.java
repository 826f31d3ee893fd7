package dev.weir.engine.record;

import dev.weir.spec.model.Format;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Decodes record bytes where they enter a pipeline and encodes them where they leave, per {@link Format}. */
public final class RecordCodec {

    /** The field a {@code string} record is exposed as. */
    public static final String STRING_FIELD = "value";

    private RecordCodec() {
    }

    public static Decoded decode(Format format, byte[] bytes) {
        if (bytes == null) {
            return Decoded.failed(null, "record has no value (tombstone)");
        }
        try {
            return switch (format) {
                case JSON -> Decoded.ok(Json.parseObject(bytes), bytes);
                case STRING -> {
                    Map<String, Object> m = new LinkedHashMap<>(2);
                    m.put(STRING_FIELD, utf8(bytes));
                    yield Decoded.ok(m, bytes);
                }
                default -> throw new IllegalArgumentException(format + " records are read through ValueFormats");
            };
        } catch (IOException e) {
            return Decoded.failed(bytes, "cannot decode " + format.name().toLowerCase() + ": " + firstLine(e.getMessage()));
        }
    }

    public static byte[] encode(Format format, Map<String, Object> fields) {
        return switch (format) {
            case JSON -> Json.write(fields);
            case STRING -> {
                Object v = fields.size() == 1 && fields.containsKey(STRING_FIELD) ? fields.get(STRING_FIELD) : null;
                yield v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : Json.write(fields);
            }
            default -> throw new IllegalArgumentException(format + " records are written through ValueFormats");
        };
    }

    public static Deserializer<Decoded> deserializer(Format format) {
        return (topic, data) -> decode(format, data);
    }

    public static Serializer<Map<String, Object>> serializer(Format format) {
        return (topic, data) -> data == null ? null : encode(format, data);
    }

    private static String utf8(byte[] bytes) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("invalid UTF-8");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}

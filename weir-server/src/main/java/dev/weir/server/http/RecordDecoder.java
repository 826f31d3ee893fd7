package dev.weir.server.http;

import dev.weir.engine.record.Decoded;
import dev.weir.engine.record.Json;
import dev.weir.engine.record.ValueFormat;
import dev.weir.engine.record.ValueFormats;
import dev.weir.engine.schema.RegistryClient;
import dev.weir.engine.schema.SchemaSource;
import dev.weir.spec.Position;
import dev.weir.spec.model.Format;
import dev.weir.spec.model.Project;
import dev.weir.spec.model.Topic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns record bytes into something a person can read: the fields of a JSON object (or of an
 * avro, json-schema or protobuf value, through the schema registry, for topics declared so),
 * else UTF-8 text, else base64.
 */
final class RecordDecoder {

    /** A decoded value: {@code fields} for an object, else {@code text}, else {@code base64}; {@code error} says why not fields. */
    record Value(String format, Map<String, Object> fields, String text, String base64, String error) {

        /** What a filter expression sees: the fields, or the text as the field {@code value}, as string topics are read. */
        Map<String, Object> asFields() {
            if (fields != null) {
                return fields;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", text);
            return m;
        }

        /** The value as one line of text, for substring matching. */
        String asText() {
            return fields != null ? Json.writeString(fields) : text != null ? text : base64 != null ? base64 : "";
        }
    }

    private final Project project;
    private final Optional<ValueFormats> registryFormats;

    RecordDecoder(Project project, Optional<ApiSources.Registry> registry) {
        this.project = project;
        this.registryFormats = registry.map(r -> new ValueFormats(Optional.<SchemaSource>of(
                new RegistryClient(r.url(), r.user(), r.password()))));
    }

    Value decode(String topic, byte[] bytes) {
        if (bytes == null) {
            return new Value("null", null, null, null, "no value (a tombstone)");
        }
        Format declared = project.topic(topic).map(Topic::format).orElse(Format.JSON);
        if (declared.usesRegistry()) {
            if (registryFormats.isPresent()) {
                ValueFormat reader = registryFormats.get().reader(declared, Position.of(topic));
                Decoded d = reader.decode(bytes);
                if (d.isOk()) {
                    return new Value(declared.name().toLowerCase().replace('_', '-'), d.fields(), null, null, null);
                }
                return plain(bytes, d.error());
            }
            return plain(bytes, "no schema registry known to decode " + declared.name().toLowerCase().replace('_', '-'));
        }
        if (declared == Format.JSON) {
            try {
                return new Value("json", Json.parseObject(bytes), null, null, null);
            } catch (IOException e) {
                return plain(bytes, "not a JSON object");
            }
        }
        return plain(bytes, null);
    }

    /** Bytes as text when they are UTF-8, else as base64. */
    static Value plain(byte[] bytes, String error) {
        Optional<String> text = utf8(bytes);
        return text.map(t -> new Value("text", null, t, null, error))
                .orElseGet(() -> new Value("binary", null, null, Base64.getEncoder().encodeToString(bytes), error));
    }

    static Optional<String> utf8(byte[] bytes) {
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
